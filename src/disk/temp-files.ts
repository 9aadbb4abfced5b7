import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_SUFFIX } from '../neuromorpho/reserved-names.js';

/** A unique temporary name beside `filename`, hidden (leading dot) so a listing never mistakes it. */
export function tempNameFor(filename: string): string {
  return `.${filename.slice(0, 150)}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

/** Nothing else in the cache ends with the suffix (the file plan reserves it); the file route never serves one. */
export function isTempName(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX);
}

/**
 * A temporary file untouched this long belongs to no running download: those write continuously, and
 * keep the files they have finished fresh until they commit them.
 */
export const STALE_TEMP_AFTER_MS = 60_000;

/**
 * Removes temporary files a crash left in neuron folders (`{root}/{digits}/*.nmg-part`) that have not
 * been written for `olderThanMs`: on a cache folder shared by several gateways, another one's running
 * download must survive this one's start. Returns how many were removed; a missing root is no error.
 */
export async function removeStaleTempFiles(
  root: string,
  olderThanMs = STALE_TEMP_AFTER_MS,
  now: number = Date.now(),
): Promise<number> {
  let removed = 0;
  let entries: Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return 0;
  }
  // Real folders only: a link at the root must not lead the sweep into a folder outside the cache.
  const folders = entries.filter((entry) => entry.isDirectory() && /^\d+$/.test(entry.name));
  for (const { name: folder } of folders) {
    let names: string[];
    try {
      names = await readdir(join(root, folder));
    } catch {
      continue;
    }
    for (const name of names.filter(isTempName)) {
      const path = join(root, folder, name);
      const info = await lstat(path).catch(() => null);
      if (info === null || now - info.mtimeMs < olderThanMs) continue;
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}

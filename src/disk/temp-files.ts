import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Temporary files end with this; nothing else in the cache does, and the file route never serves them. */
export const TEMP_SUFFIX = '.nmg-part';

/** A unique temporary name beside `filename`, hidden (leading dot) so a listing never mistakes it. */
export function tempNameFor(filename: string): string {
  return `.${filename.slice(0, 150)}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

export function isTempName(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX);
}

/** A temporary file untouched this long belongs to no running download (those write continuously). */
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
  let folders: string[];
  try {
    folders = await readdir(root);
  } catch {
    return 0;
  }
  for (const folder of folders.filter((name) => /^\d+$/.test(name))) {
    let names: string[];
    try {
      names = await readdir(join(root, folder));
    } catch {
      continue;
    }
    for (const name of names.filter(isTempName)) {
      const path = join(root, folder, name);
      const info = await stat(path).catch(() => null);
      if (info === null || now - info.mtimeMs < olderThanMs) continue;
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}

import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
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

/**
 * Removes temporary files a crash left in neuron folders (`{root}/{digits}/*.nmg-part`).
 * Returns how many were removed. A missing root is not an error.
 */
export async function removeStaleTempFiles(root: string): Promise<number> {
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
      await rm(join(root, folder, name), { force: true });
      removed++;
    }
  }
  return removed;
}

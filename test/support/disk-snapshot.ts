import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * Everything under `dir` (links not followed): relative path -> `dir`, `link -> target` or
 * `file <sha256-prefix> <bytes>`. Two equal snapshots mean nothing was created, changed or removed.
 */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  async function walk(path: string): Promise<void> {
    for (const name of (await readdir(path)).sort()) {
      const full = join(path, name);
      const key = relative(dir, full);
      const info = await lstat(full);
      if (info.isSymbolicLink()) result[key] = `link -> ${await readlink(full)}`;
      else if (info.isDirectory()) {
        result[key] = 'dir';
        await walk(full);
      } else {
        const hash = createHash('sha256')
          .update(await readFile(full))
          .digest('hex');
        result[key] = `file ${hash.slice(0, 16)} ${info.size}`;
      }
    }
  }
  await walk(dir);
  return result;
}

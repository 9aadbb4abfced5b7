import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { rethrowAsCacheWriteError } from '../../disk/disk-errors.js';
import { CREATE_EXCLUSIVE } from '../../disk/no-follow.js';
import { tempNameFor } from '../../disk/temp-files.js';

/**
 * Writes `text` at `path` so that a crash at any moment leaves either the old content or the new one:
 * a unique temporary file beside it (created exclusively, never through a link), flushed to the disk,
 * then renamed into place. A full or read-only volume fails as a CacheWriteError.
 */
export async function writeTextDurably(path: string, text: string): Promise<void> {
  const tempPath = join(dirname(path), tempNameFor(basename(path)));
  try {
    const handle = await open(tempPath, CREATE_EXCLUSIVE, 0o644);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true });
    rethrowAsCacheWriteError(error);
  }
}

/** The text at `path`, or null when there is no such file. */
export async function readTextIfAny(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
}

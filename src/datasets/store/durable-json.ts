import { constants } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { rethrowAsCacheWriteError } from '../../disk/disk-errors.js';
import { CREATE_EXCLUSIVE, O_NOFOLLOW } from '../../disk/no-follow.js';
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

/**
 * Writes `text` at `path` in the room of `reservePath`, a file of zeros written earlier: the text goes
 * over its first bytes, the rest is cut off, then the file is flushed and renamed into place. Overwriting
 * blocks a file already holds needs no new ones, so this works on a volume with no room left, which any
 * other writer could take first once the reserve were deleted. False, with nothing changed, when there is
 * no reserve (used already) or it is too small for `text`; a crash leaves the old content at `path`.
 */
export async function writeTextIntoReserve(
  reservePath: string,
  path: string,
  text: string,
): Promise<boolean> {
  const bytes = Buffer.from(text);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(reservePath, constants.O_RDWR | O_NOFOLLOW);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    return rethrowAsCacheWriteError(error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size < bytes.length) return false;
    await handle.write(bytes, 0, bytes.length, 0);
    await handle.truncate(bytes.length);
    await handle.sync();
  } catch (error) {
    return rethrowAsCacheWriteError(error);
  } finally {
    await handle.close();
  }
  await rename(reservePath, path).catch(rethrowAsCacheWriteError);
  return true;
}

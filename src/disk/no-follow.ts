import { constants } from 'node:fs';
import { type FileHandle, lstat, open } from 'node:fs/promises';

/**
 * `O_NOFOLLOW` where the platform has it (0 elsewhere, where the lstat checks below are the only guard):
 * opening a path whose last component is a symbolic link then fails (ELOOP) instead of reaching the
 * link's target.
 */
export const O_NOFOLLOW: number = constants.O_NOFOLLOW ?? 0;

/** Flags for a new temporary file: exclusive create (never an existing file or link), never through a link. */
export const CREATE_EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW;

// Opening a FIFO for reading would block a libuv thread until a writer came; non-blocking it returns at
// once and the fstat below refuses it. No effect on regular files.
const O_NONBLOCK: number = constants.O_NONBLOCK ?? 0;

/** Opens an existing file for reading, refusing a symbolic link; null when it is absent, a link or not a file. */
export async function openRegularFile(path: string): Promise<FileHandle | null> {
  if ((await regularFileSize(path)) === null) return null;
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    // Also the guard where O_NOFOLLOW is 0: fstat of what was opened, and lstat of the name.
    const [opened, named] = await Promise.all([handle.stat(), lstat(path)]);
    if (opened.isFile() && named.isFile() && opened.ino === named.ino) return handle;
  } catch {
    // Fall through: not something to read.
  }
  await handle.close();
  return null;
}

/** The text of a regular file (never through a link), or null when there is none to read. */
export async function readRegularFile(path: string): Promise<string | null> {
  const handle = await openRegularFile(path);
  if (handle === null) return null;
  try {
    return await handle.readFile('utf8');
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

/** Size of a regular file at `path` itself (a link is not followed and counts as no file), or null. */
export async function regularFileSize(path: string): Promise<number | null> {
  try {
    const info = await lstat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

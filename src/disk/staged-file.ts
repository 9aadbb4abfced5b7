import { createHash } from 'node:crypto';
import type { WriteStream } from 'node:fs';
import { open, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { resolveInsideRoot } from './confine.js';
import { rethrowAsCacheWriteError } from './disk-errors.js';
import { CREATE_EXCLUSIVE } from './no-follow.js';
import { tempNameFor } from './temp-files.js';

/** A file written completely under a temporary name, waiting to be renamed into place. */
export interface StagedFile {
  tempPath: string;
  finalPath: string;
  bytes: number;
  sha256: string;
  /** Renames the file into place (atomic on one file system; a link at the final name is replaced, not followed). */
  commit(): Promise<void>;
  /** Removes the temporary file; safe to call after commit. */
  discard(): Promise<void>;
  /** Marks the temporary file as in use, so a sweep of stale temporary files leaves it alone. */
  touch(): Promise<void>;
}

export class ContentLengthMismatchError extends Error {
  readonly code = 'CONTENT_LENGTH_MISMATCH';
}

export interface StageOptions {
  /** The byte count the server announced; a different count fails the staging. */
  expectedBytes?: number | null;
  /** Reports the bytes queued in memory for the disk after each chunk (used to prove bounded memory). */
  onBuffered?: (bytes: number) => void;
}

function staged(tempPath: string, finalPath: string, bytes: number, sha256: string): StagedFile {
  return {
    tempPath,
    finalPath,
    bytes,
    sha256,
    commit: () => rename(tempPath, finalPath).catch(rethrowAsCacheWriteError),
    discard: () => rm(tempPath, { force: true }),
    touch: async () => {
      const now = new Date();
      await utimes(tempPath, now, now);
    },
  };
}

/**
 * Streams `body` into a new temporary file in `folder` (created exclusively and never through a link),
 * hashing as it goes, with the memory held bounded by stream backpressure. On any failure the
 * temporary file is removed; a full or read-only volume fails as a CacheWriteError.
 */
export async function stageStream(
  folder: string,
  filename: string,
  body: Readable,
  options: StageOptions = {},
): Promise<StagedFile> {
  const finalPath = resolveInsideRoot(folder, filename);
  const tempPath = resolveInsideRoot(folder, tempNameFor(filename));
  const hash = createHash('sha256');
  let bytes = 0;
  let file: WriteStream | undefined;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      hash.update(chunk);
      callback(null, chunk);
      options.onBuffered?.((file?.writableLength ?? 0) + meter.readableLength);
    },
  });
  try {
    // Opened by hand for the numeric flags (exclusive, no link followed); the stream closes the handle.
    file = (await open(tempPath, CREATE_EXCLUSIVE, 0o644)).createWriteStream();
    await pipeline(body, meter, file);
    if (
      options.expectedBytes !== undefined &&
      options.expectedBytes !== null &&
      bytes !== options.expectedBytes
    ) {
      throw new ContentLengthMismatchError(`expected ${options.expectedBytes} bytes, received ${bytes}`);
    }
    return staged(tempPath, finalPath, bytes, hash.digest('hex'));
  } catch (error) {
    await rm(tempPath, { force: true });
    rethrowAsCacheWriteError(error);
  }
}

/** Stages small content (metadata.json) the same way: complete under a temporary name, renamed on commit. */
export async function stageContent(folder: string, filename: string, content: string): Promise<StagedFile> {
  const finalPath = resolveInsideRoot(folder, filename);
  const tempPath = resolveInsideRoot(folder, tempNameFor(filename));
  const bytes = Buffer.from(content);
  try {
    await writeFile(tempPath, bytes, { flag: CREATE_EXCLUSIVE });
  } catch (error) {
    await rm(tempPath, { force: true });
    rethrowAsCacheWriteError(error);
  }
  return staged(tempPath, finalPath, bytes.length, createHash('sha256').update(bytes).digest('hex'));
}

/** Writes small content at once: staged, then renamed into place. */
export async function writeFileAtomically(folder: string, filename: string, content: string): Promise<void> {
  const file = await stageContent(folder, filename, content);
  try {
    await file.commit();
  } finally {
    await file.discard();
  }
}

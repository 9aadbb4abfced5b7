import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { resolveInsideRoot } from './confine.js';
import { tempNameFor } from './temp-files.js';

/** A file written completely under a temporary name, waiting to be renamed into place. */
export interface StagedFile {
  tempPath: string;
  finalPath: string;
  bytes: number;
  sha256: string;
  /** Renames the file into place (atomic on one file system). */
  commit(): Promise<void>;
  /** Removes the temporary file; safe to call after commit. */
  discard(): Promise<void>;
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
    commit: () => rename(tempPath, finalPath),
    discard: () => rm(tempPath, { force: true }),
  };
}

/**
 * Streams `body` into a new temporary file (flag `wx`) in `folder`, hashing as it goes, with the
 * memory held bounded by stream backpressure. On any failure the temporary file is removed.
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
  const file = createWriteStream(tempPath, { flags: 'wx' });
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      hash.update(chunk);
      callback(null, chunk);
      options.onBuffered?.(file.writableLength + meter.readableLength);
    },
  });
  try {
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
    throw error;
  }
}

/** Writes small content (metadata.json) the same way: temporary file, then rename. */
export async function writeFileAtomically(folder: string, filename: string, content: string): Promise<void> {
  const finalPath = resolveInsideRoot(folder, filename);
  const tempPath = resolveInsideRoot(folder, tempNameFor(filename));
  try {
    await writeFile(tempPath, content, { flag: 'wx' });
    await rename(tempPath, finalPath);
  } finally {
    await rm(tempPath, { force: true });
  }
}

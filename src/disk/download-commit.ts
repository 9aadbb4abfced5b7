import { constants } from 'node:fs';
import { access, rm, rmdir } from 'node:fs/promises';
import { rethrowAsCacheWriteError } from './disk-errors.js';
import type { StagedFile } from './staged-file.js';
import { STALE_TEMP_AFTER_MS } from './temp-files.js';

/**
 * Fails as CACHE_NOT_WRITABLE before anything is fetched when the folder cannot be written (a
 * read-only volume answers EROFS here even to root).
 */
export async function assertWritable(folder: string): Promise<void> {
  await access(folder, constants.W_OK).catch(rethrowAsCacheWriteError);
}

/**
 * Keeps staged files fresh while the rest of the download runs, so the stale-file sweep (of this gateway
 * or of another one on a shared volume) never takes a finished file that waits for its commit.
 * Returns the function that stops it.
 */
export function keepFresh(files: readonly StagedFile[], everyMs = STALE_TEMP_AFTER_MS / 3): () => void {
  const timer = setInterval(() => {
    for (const file of files) void file.touch().catch(() => undefined);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The commit: every data file is renamed into place, then metadata.json, whose arrival marks the folder
 * complete. Nothing is rendered or written here that could fail for lack of space (renames allocate
 * nothing), so a crash in between leaves complete data files without metadata.json: a folder the cache
 * treats as incomplete and does not trust. `committed` receives each path as it lands, for rollback.
 */
export async function commitAll(
  dataFiles: readonly StagedFile[],
  metadata: StagedFile,
  committed: string[],
): Promise<void> {
  for (const file of [...dataFiles, metadata]) {
    await file.commit();
    committed.push(file.finalPath);
  }
}

/**
 * Undoes a failed download: temporary files go; in a folder this download created, so do the files it
 * had already committed, and the folder itself. In a folder that was there, committed files (complete
 * ones) stay.
 */
export async function rollback(
  folder: string,
  created: boolean,
  staged: readonly StagedFile[],
  committed: readonly string[],
): Promise<void> {
  await Promise.all(staged.map((file) => file.discard().catch(() => undefined)));
  if (!created) return;
  await Promise.all(committed.map((path) => rm(path, { force: true }).catch(() => undefined)));
  await rmdir(folder).catch(() => undefined);
}

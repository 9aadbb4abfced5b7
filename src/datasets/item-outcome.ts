import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DownloadFileError } from '../disk/download-errors.js';
import type { DownloadResult } from '../disk/downloader.js';
import { toGraphQLError } from '../server/to-graphql-error.js';
import type { ItemState } from './store/stored-types.js';
import type { DatasetError, DatasetFile } from './types.js';

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** `/`-separated and relative to the cache root: the same on every gateway sharing it, and inside the zip. */
export function relativeToRoot(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** The item of a download that ended: DONE when something was fetched now, SKIPPED when all was kept. */
export async function finishedItem(
  root: string,
  result: DownloadResult,
  startedAt: string,
): Promise<ItemState> {
  const files: DatasetFile[] = [];
  let bytes = 0;
  for (const item of result.items) {
    if (!item.onDisk) continue;
    if (item.downloadedNow) bytes += item.bytes ?? 0;
    files.push({
      kind: item.kind,
      filename: item.filename,
      relativePath: relativeToRoot(root, item.path),
      bytes: item.bytes,
      // A kept file was not read by the download: hashed here, from the disk, for the manifest.
      sha256: item.sha256 ?? (await sha256Of(item.path)),
    });
  }
  return {
    neuronId: result.neuron.neuronId,
    status: result.items.some((item) => item.downloadedNow) ? 'DONE' : 'SKIPPED',
    error: null,
    files,
    metadataPath: relativeToRoot(root, result.metadataPath),
    bytes,
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}

function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

/** What a failed neuron records: the code a client would see for it (NOT_FOUND for a file that 404s). */
export function itemError(error: unknown): DatasetError {
  if (error instanceof DownloadFileError && statusOf(error.cause) === 404) {
    return { code: 'NOT_FOUND', message: `${error.message}: NeuroMorpho answered 404 (${error.url})` };
  }
  const known = toGraphQLError(error);
  if (known !== null) return { code: String(known.extensions.code), message: known.message };
  return { code: 'INTERNAL_SERVER_ERROR', message: 'unexpected error' };
}

export function failedItem(neuronId: number, error: DatasetError, startedAt: string): ItemState {
  return {
    neuronId,
    status: 'FAILED',
    error,
    files: [],
    metadataPath: null,
    bytes: 0,
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}

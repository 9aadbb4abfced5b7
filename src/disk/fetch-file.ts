import { pipeline, type Readable, Transform } from 'node:stream';
import type { FilePlanItem } from '../neuromorpho/types.js';
import { dropBody } from '../upstream/bounded-body.js';
import { UpstreamError, UpstreamTooLargeError } from '../upstream/errors.js';
import type { UpstreamHttp } from '../upstream/http.js';
import { createLimiter, type Limiter } from '../util/concurrency.js';
import { CacheWriteError } from './disk-errors.js';
import { DownloadFileError, DownloadTimeoutError } from './download-errors.js';
import { type StagedFile, stageStream } from './staged-file.js';

/** What one file may cost: bytes, time, and a share of the upstream slots. */
export interface FileLimits {
  /** Largest file accepted, checked on Content-Length and while streaming. */
  maxBytes: number;
  /** Total time for one file, from its first request to its last byte, retries included. */
  timeoutMs: number;
  /** Files streaming at once; kept below the upstream concurrency so queries always find a slot. */
  slots: Limiter;
}

/** 1 GiB: far above any NeuroMorpho reconstruction, far below a full disk. */
export const DEFAULT_DOWNLOAD_MAX_BYTES = 1024 * 1024 * 1024;
/** 10 minutes for one file. */
export const DEFAULT_DOWNLOAD_FILE_TIMEOUT_MS = 600_000;

export interface FileLimitOptions {
  maxBytes: number;
  timeoutMs: number;
  /** The upstream budget's concurrency: files may hold all of it but one slot. */
  upstreamConcurrency: number;
}

/**
 * Limits shared by every download of one gateway. A trickling file holds its upstream slot until its
 * deadline, so without the reservation a few of them would hold every slot and starve every query.
 */
export function createFileLimits(options: FileLimitOptions): FileLimits {
  return {
    maxBytes: options.maxBytes,
    timeoutMs: options.timeoutMs,
    slots: createLimiter(Math.max(1, options.upstreamConcurrency - 1)),
  };
}

export interface FetchFileOptions {
  http: UpstreamHttp;
  /** Whole downloads tried when a stream breaks mid-way (the request itself retries before the first byte). */
  attempts: number;
  signal?: AbortSignal;
  onBuffered?: (bytes: number) => void;
  /** Size, time and slot limits; without them a file may be any size and take any time. */
  limits?: FileLimits;
}

/** Passes bytes through until more than `maxBytes` have gone by, then fails the stream. */
function byteCap(url: string, maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new UpstreamTooLargeError(url, maxBytes));
      else callback(null, chunk);
    },
  });
}

/**
 * Downloads one planned file into a staged temporary file. A stream that breaks or ends short is
 * discarded and fetched again from scratch; an HTTP failure (after the client's own retries), an
 * oversized file and a missed deadline are final. The staged file is removed on every failure.
 */
export async function fetchToStaged(
  folder: string,
  item: FilePlanItem,
  options: FetchFileOptions,
): Promise<StagedFile> {
  const { limits } = options;
  if (!limits) return fetchWithin(folder, item, options, options.signal);
  // The deadline starts once a slot is granted: waiting for one is not the file's fault.
  return limits.slots.run(async () => {
    const deadline = AbortSignal.timeout(limits.timeoutMs);
    const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
    try {
      return await fetchWithin(folder, item, options, signal);
    } catch (error) {
      if (deadline.aborted && !options.signal?.aborted) {
        throw new DownloadFileError(item, new DownloadTimeoutError(item.url, limits.timeoutMs));
      }
      throw error;
    }
  });
}

async function fetchWithin(
  folder: string,
  item: FilePlanItem,
  options: FetchFileOptions,
  signal: AbortSignal | undefined,
): Promise<StagedFile> {
  const maxBytes = options.limits?.maxBytes;
  let lastError: unknown;
  for (let attempt = 0; attempt < Math.max(1, options.attempts); attempt++) {
    let opened: Awaited<ReturnType<UpstreamHttp['openStream']>>;
    try {
      opened = await options.http.openStream(item.url, signal ? { signal } : {});
    } catch (error) {
      throw new DownloadFileError(item, error);
    }
    if (maxBytes !== undefined && opened.contentLength !== null && opened.contentLength > maxBytes) {
      dropBody(opened.body);
      throw new DownloadFileError(
        item,
        new UpstreamTooLargeError(item.url, maxBytes, { announcedBytes: opened.contentLength }),
      );
    }
    const body: Readable =
      maxBytes === undefined ? opened.body : pipeline(opened.body, byteCap(item.url, maxBytes), () => {});
    try {
      return await stageStream(folder, item.filename, body, {
        expectedBytes: opened.contentLength,
        ...(options.onBuffered ? { onBuffered: options.onBuffered } : {}),
      });
    } catch (error) {
      opened.body.destroy();
      // A full or read-only volume fails the same way on every attempt: final, never fetched again.
      if (signal?.aborted || error instanceof UpstreamError || error instanceof CacheWriteError) {
        throw new DownloadFileError(item, error);
      }
      lastError = error;
    }
  }
  throw new DownloadFileError(item, lastError);
}

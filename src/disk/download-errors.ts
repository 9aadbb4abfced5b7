import type { FileKind } from '../neuromorpho/types.js';

/** One planned file could not be fetched; nothing of this download was kept on disk. */
export class DownloadFileError extends Error {
  readonly code = 'DOWNLOAD_FAILED';
  readonly kind: FileKind;
  readonly filename: string;
  readonly url: string;

  constructor(item: { kind: FileKind; filename: string; url: string }, cause: unknown) {
    super(`could not download the ${item.kind} file ${item.filename}`, { cause });
    this.kind = item.kind;
    this.filename = item.filename;
    this.url = item.url;
  }
}

export class CacheNotConfiguredError extends Error {
  readonly code = 'CACHE_NOT_CONFIGURED';

  constructor() {
    super('the on-disk neuron cache is disabled (CACHE_DIR=off)');
  }
}

/** One file did not arrive complete within `DOWNLOAD_FILE_TIMEOUT_MS`, retries included. Never retried. */
export class DownloadTimeoutError extends Error {
  readonly code = 'DOWNLOAD_TIMEOUT';
  readonly url: string;
  readonly timeoutMs: number;

  constructor(url: string, timeoutMs: number) {
    super(`${url} did not arrive complete within ${timeoutMs} ms`);
    this.url = url;
    this.timeoutMs = timeoutMs;
  }
}

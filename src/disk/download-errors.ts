import { GatewayFailure } from '../errors.js';
import type { FileKind } from '../neuromorpho/types.js';

/** One planned file could not be fetched; nothing of this download was kept on disk. */
export class DownloadFileError extends GatewayFailure {
  readonly kind: FileKind;
  readonly filename: string;
  readonly url: string;

  constructor(item: { kind: FileKind; filename: string; url: string }, cause: unknown) {
    super(
      'DOWNLOAD_FAILED',
      `could not download the ${item.kind} file ${item.filename}`,
      { url: item.url, kind: item.kind, filename: item.filename },
      { cause },
    );
    this.kind = item.kind;
    this.filename = item.filename;
    this.url = item.url;
  }
}

export class CacheNotConfiguredError extends GatewayFailure {
  constructor() {
    super('CACHE_NOT_CONFIGURED', 'the on-disk neuron cache is disabled (CACHE_DIR=off)');
  }
}

/** One file did not arrive complete within `DOWNLOAD_FILE_TIMEOUT_MS`, retries included. Never retried. */
export class DownloadTimeoutError extends GatewayFailure {
  readonly url: string;
  readonly timeoutMs: number;

  constructor(url: string, timeoutMs: number) {
    super('DOWNLOAD_TIMEOUT', `${url} did not arrive complete within ${timeoutMs} ms`, { url, timeoutMs });
    this.url = url;
    this.timeoutMs = timeoutMs;
  }
}

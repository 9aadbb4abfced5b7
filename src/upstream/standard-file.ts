import { MorphologyTooLargeError } from '../morphology-pool/morphology-errors.js';
import { type BoundedBytes, dropBody, readBoundedBytes } from './bounded-body.js';
import type { CallOptions } from './client-types.js';
import { UpstreamError } from './errors.js';
import type { UpstreamHttp } from './http.js';

export interface StandardFileOptions {
  /** Largest file accepted, checked on Content-Length and while reading. */
  maxBytes: number;
  /** Whole reads tried when a stream breaks mid-way (the request itself retries before the first byte). */
  attempts: number;
  call?: CallOptions;
}

/**
 * A neuron's standard SWC file, read into memory through the upstream HTTP layer (its budget, retry
 * policy, request id and client key). Memory stays bounded by `maxBytes` whatever the server sends. The
 * bytes are one fresh buffer of exactly the file's length, so it can be handed to a worker thread.
 */
export async function fetchStandardFile(
  http: UpstreamHttp,
  url: string,
  options: StandardFileOptions,
): Promise<Uint8Array> {
  const { maxBytes, call } = options;
  const tooLarge = () =>
    new MorphologyTooLargeError(`the standard file is larger than MORPHOLOGY_MAX_BYTES (${maxBytes} bytes)`, {
      url,
      limitBytes: maxBytes,
    });
  let lastError: unknown;
  for (let attempt = 0; attempt < Math.max(1, options.attempts); attempt++) {
    const opened = await http.openStream(url, {
      ...(call?.headers ? { headers: call.headers } : {}),
      ...(call?.clientKey ? { clientKey: call.clientKey } : {}),
    });
    if (opened.contentLength !== null && opened.contentLength > maxBytes) {
      dropBody(opened.body);
      throw tooLarge();
    }
    let read: BoundedBytes;
    try {
      read = await readBoundedBytes(opened.body, maxBytes);
    } catch (error) {
      opened.body.destroy();
      if (error instanceof UpstreamError) throw error;
      lastError = error;
      continue;
    }
    if (!read.ok) throw tooLarge();
    if (opened.contentLength !== null && read.bytes.byteLength !== opened.contentLength) {
      lastError = new Error(`${url} ended after ${read.bytes.byteLength} of ${opened.contentLength} bytes`);
      continue;
    }
    return read.bytes;
  }
  throw new StandardFileStreamError(url, lastError);
}

/** Every attempt broke off mid-way (reset, short body). */
export class StandardFileStreamError extends UpstreamError {
  override readonly code = 'UPSTREAM_HTTP_ERROR';

  constructor(url: string, cause: unknown) {
    super(`${url} broke off before its end on every attempt`, url, { cause });
  }

  override get details(): Readonly<Record<string, unknown>> {
    return { url: this.url, status: 0 };
  }
}

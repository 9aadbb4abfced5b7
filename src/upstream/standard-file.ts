import type { CachedFileRead } from '../disk/cached-standard-file.js';
import { MorphologyTooLargeError } from '../morphology-pool/morphology-errors.js';
import type { NeuronRecord } from '../neuromorpho/types.js';
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
  const tooLarge = () => standardFileTooLarge(url, maxBytes);
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
      read = await readBoundedBytes(opened.body, maxBytes, opened.contentLength);
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

function standardFileTooLarge(url: string, maxBytes: number): MorphologyTooLargeError {
  return new MorphologyTooLargeError(
    `the standard file is larger than MORPHOLOGY_MAX_BYTES (${maxBytes} bytes)`,
    {
      url,
      limitBytes: maxBytes,
    },
  );
}

export interface StandardSwcReader {
  http: UpstreamHttp;
  /** MORPHOLOGY_MAX_BYTES. */
  maxBytes: number;
  /** Whole reads of a file whose stream breaks mid-way. */
  attempts: number;
  /** The on-disk cache's copy (DiskCache.readStandardFile). */
  readLocal(neuron: NeuronRecord, maxBytes: number): Promise<CachedFileRead>;
}

/**
 * A neuron's standard SWC bytes, from where the morphology field and the `.swc` route both take them:
 * the copy a download left in CACHE_DIR (no upstream request), else NeuroMorpho, capped.
 */
export async function readStandardSwc(
  reader: StandardSwcReader,
  neuron: NeuronRecord,
  url: string,
  call?: CallOptions,
): Promise<Uint8Array> {
  const local = await reader.readLocal(neuron, reader.maxBytes);
  if (local.kind === 'read') return local.bytes;
  if (local.kind === 'too-large') throw standardFileTooLarge(url, reader.maxBytes);
  return fetchStandardFile(reader.http, url, {
    maxBytes: reader.maxBytes,
    attempts: reader.attempts,
    ...(call ? { call } : {}),
  });
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

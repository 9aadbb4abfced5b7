import type { Readable } from 'node:stream';

/** 64 MiB: a search page of 500 records is a few MB, so this is far above any real answer. */
export const DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024;

export type BoundedBytes = { ok: true; bytes: Uint8Array } | { ok: false; receivedBytes: number };
export type BoundedText = { ok: true; text: string } | { ok: false; receivedBytes: number };

/**
 * Reads a whole body into one fresh buffer of exactly its length (never a slice of Node's shared pool,
 * so it can be transferred to a worker thread), but stops (destroying the stream, so the connection is
 * not kept reading) as soon as more than `maxBytes` arrived: memory stays bounded by the limit whatever
 * the server sends, announced or not.
 */
export async function readBoundedBytes(body: Readable, maxBytes: number): Promise<BoundedBytes> {
  const chunks: Uint8Array[] = [];
  let receivedBytes = 0;
  for await (const chunk of body) {
    const bytes = chunk as Uint8Array;
    receivedBytes += bytes.byteLength;
    if (receivedBytes > maxBytes) {
      body.destroy();
      return { ok: false, receivedBytes };
    }
    chunks.push(bytes);
  }
  const whole = new Uint8Array(receivedBytes);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes: whole };
}

/** readBoundedBytes decoded as UTF-8 text. */
export async function readBoundedText(body: Readable, maxBytes: number): Promise<BoundedText> {
  const read = await readBoundedBytes(body, maxBytes);
  // TextDecoder drops a leading byte-order mark, as undici's body.text() does.
  return read.ok ? { ok: true, text: new TextDecoder().decode(read.bytes) } : read;
}

/**
 * Drops a body that will not be read (refused on its Content-Length). undici's body, destroyed before
 * anything reads it, emits an AbortError; with no listener that is an uncaught exception, so one is added.
 */
export function dropBody(body: Readable): void {
  body.on('error', () => undefined).destroy();
}

/** Content-Length as a number, or null when absent or not a plain non-negative integer. */
export function announcedLength(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d+$/.test(value.trim())) return null;
  const length = Number(value);
  return Number.isSafeInteger(length) ? length : null;
}

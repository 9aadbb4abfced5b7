import type { Readable } from 'node:stream';

/** 64 MiB: a search page of 500 records is a few MB, so this is far above any real answer. */
export const DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024;

export type BoundedBytes = { ok: true; bytes: Uint8Array } | { ok: false; receivedBytes: number };
export type BoundedText = { ok: true; text: string } | { ok: false; receivedBytes: number };

/**
 * Reads a whole body into one fresh buffer of exactly its length (never a slice of Node's shared pool,
 * so it can be transferred to a worker thread), but stops (destroying the stream, so the connection is
 * not kept reading) as soon as more than `maxBytes` arrived: memory stays bounded by the limit whatever
 * the server sends, announced or not. With `announcedBytes` (Content-Length, within the limit) each chunk
 * is copied into place as it arrives: joining 20 MB of chunks at the end held the event loop 15-30 ms
 * (mostly the first touch of the new buffer's pages), spread over the arrivals it costs nothing visible.
 */
export async function readBoundedBytes(
  body: Readable,
  maxBytes: number,
  announcedBytes: number | null = null,
): Promise<BoundedBytes> {
  const fitted =
    announcedBytes !== null && announcedBytes <= maxBytes ? new Uint8Array(announcedBytes) : null;
  // Chunks past the announced length (or all of them, unannounced) are joined at the end, as they come.
  const chunks: Uint8Array[] = [];
  let receivedBytes = 0;
  for await (const chunk of body) {
    const bytes = chunk as Uint8Array;
    if (receivedBytes + bytes.byteLength > maxBytes) {
      body.destroy();
      return { ok: false, receivedBytes: receivedBytes + bytes.byteLength };
    }
    if (fitted !== null && chunks.length === 0 && receivedBytes + bytes.byteLength <= fitted.byteLength) {
      fitted.set(bytes, receivedBytes);
    } else {
      if (fitted !== null && chunks.length === 0) chunks.push(fitted.subarray(0, receivedBytes));
      chunks.push(bytes);
    }
    receivedBytes += bytes.byteLength;
  }
  if (fitted !== null && chunks.length === 0) {
    return { ok: true, bytes: receivedBytes === fitted.byteLength ? fitted : fitted.slice(0, receivedBytes) };
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

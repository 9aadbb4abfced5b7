import type { Readable } from 'node:stream';

/** 64 MiB: a search page of 500 records is a few MB, so this is far above any real answer. */
export const DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024;

export type BoundedText = { ok: true; text: string } | { ok: false; receivedBytes: number };

/**
 * Reads a whole body as UTF-8 text, but stops (destroying the stream, so the connection is not kept
 * reading) as soon as more than `maxBytes` arrived: memory stays bounded by the limit whatever the
 * server sends, announced or not.
 */
export async function readBoundedText(body: Readable, maxBytes: number): Promise<BoundedText> {
  const chunks: Buffer[] = [];
  let receivedBytes = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    receivedBytes += buffer.length;
    if (receivedBytes > maxBytes) {
      body.destroy();
      return { ok: false, receivedBytes };
    }
    chunks.push(buffer);
  }
  // TextDecoder drops a leading byte-order mark, as undici's body.text() does.
  return { ok: true, text: new TextDecoder().decode(Buffer.concat(chunks, receivedBytes)) };
}

/** Content-Length as a number, or null when absent or not a plain non-negative integer. */
export function announcedLength(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d+$/.test(value.trim())) return null;
  const length = Number(value);
  return Number.isSafeInteger(length) ? length : null;
}

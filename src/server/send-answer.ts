import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fresh from 'fresh';
import { COMPRESS_MIN_BYTES, chooseEncoding, compressBody } from './compression.js';

/** Incremental answers (@defer/@stream, subscriptions) are written as they come, never buffered. */
export function isIncremental(contentType: string | null): boolean {
  return contentType !== null && /^(multipart\/mixed|text\/event-stream)\b/i.test(contentType);
}

/** A weak validator: the same answer compressed or not is the same resource for revalidation. */
const weakEtag = (payload: Uint8Array) =>
  `W/"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;

/**
 * Copies a web stream to the response as it is produced, waiting for 'drain' (bounded memory); a client
 * that goes away cancels the stream, which stops the execution behind it.
 */
async function writeStream(body: ReadableStream<Uint8Array>, response: ServerResponse): Promise<void> {
  const reader = body.getReader();
  const closed = new AbortController();
  const cancel = () => {
    closed.abort();
    void reader.cancel().catch(() => undefined);
  };
  response.once('close', cancel);
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (response.destroyed) return;
      if (!response.write(chunk.value)) {
        // A client gone while we wait for 'drain' ends the wait (the abort rejects it).
        await once(response, 'drain', { signal: closed.signal }).catch(() => undefined);
      }
    }
  } finally {
    response.off('close', cancel);
  }
}

function copyHeaders(answer: Response, response: ServerResponse): void {
  answer.headers.forEach((value, name) => {
    response.setHeader(name, value);
  });
}

/**
 * Writes one answer of yoga's to the Node response: incremental answers streamed as they are produced;
 * whole answers with an ETag (and 304 when the client's copy is current) for GET, and compressed
 * (br or gzip, as negotiated) above a small size.
 */
export async function sendAnswer(
  request: IncomingMessage,
  response: ServerResponse,
  answer: Response,
  payload: Buffer | null,
): Promise<void> {
  copyHeaders(answer, response);
  if (payload === null) {
    // Streamed: flush the headers now so that the first part reaches the client at once.
    response.writeHead(answer.status);
    response.flushHeaders();
    if (answer.body && request.method !== 'HEAD') await writeStream(answer.body, response);
    response.end();
    return;
  }
  const cacheable = (request.method === 'GET' || request.method === 'HEAD') && answer.status === 200;
  if (cacheable) {
    const etag = weakEtag(payload);
    response.setHeader('etag', etag);
    if (!answer.headers.has('cache-control')) response.setHeader('cache-control', 'no-cache');
    if (fresh(request.headers, { etag })) {
      response.removeHeader('content-type');
      response.removeHeader('content-length');
      response.writeHead(304);
      response.end();
      return;
    }
  }
  let body: Buffer = payload;
  if (payload.length >= COMPRESS_MIN_BYTES) {
    response.setHeader('vary', 'Accept-Encoding');
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (encoding) {
      body = await compressBody(payload, encoding);
      response.setHeader('content-encoding', encoding);
    }
  }
  response.setHeader('content-length', String(body.length));
  response.writeHead(answer.status);
  response.end(request.method === 'HEAD' ? undefined : body);
}

import type { FetchAPI } from '@whatwg-node/server';
import fresh from 'fresh';
import { COMPRESS_MIN_BYTES, chooseEncoding, compressBody } from '../compression.js';
import { contentTag } from '../content-tag.js';
import { asBody } from './whole-answer.js';

export interface GeneratedFile {
  bytes: Uint8Array;
  contentType: string;
  /** Text (SVG, SWC) is worth compressing; PNG is compressed already. */
  compressible: boolean;
  /** Cache-Control, CORS and the like, on the 200 and the 304 alike. */
  headers: Record<string, string>;
}

/**
 * A file the gateway made (or read) in memory, answered with a strong ETag of its bytes, 304 when the
 * client's copy is current, and compressed as Accept-Encoding asks. Each encoding is its own
 * representation, so a compressed answer's tag carries the encoding (`"<hash>-br"`), as Apache's does:
 * a strong tag must not name two different byte sequences.
 */
export async function generatedFileAnswer(
  request: Request,
  fetchAPI: FetchAPI,
  file: GeneratedFile,
): Promise<Response> {
  const hash = contentTag(file.bytes);
  const compress = file.compressible && file.bytes.byteLength >= COMPRESS_MIN_BYTES;
  const encoding = compress ? chooseEncoding(request.headers.get('accept-encoding') ?? undefined) : null;
  const etag = `"${hash}${encoding ? `-${encoding}` : ''}"`;
  const headers: Record<string, string> = { ...file.headers, etag };
  if (compress) headers.vary = 'Accept-Encoding';
  // Only If-None-Match: the `Cache-Control: no-cache` fetch() adds to conditional requests is for caches.
  if (fresh({ 'if-none-match': request.headers.get('if-none-match') ?? undefined }, { etag })) {
    return new fetchAPI.Response(null, { status: 304, headers });
  }
  const body = encoding
    ? await compressBody(file.bytes, encoding)
    : Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  headers['content-type'] = file.contentType;
  headers['content-length'] = String(body.byteLength);
  if (encoding) headers['content-encoding'] = encoding;
  return new fetchAPI.Response(request.method === 'HEAD' ? null : asBody(body), { status: 200, headers });
}

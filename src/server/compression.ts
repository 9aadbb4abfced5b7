import { promisify } from 'node:util';
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip } from 'node:zlib';
import Negotiator from 'negotiator';

export type ContentEncoding = 'br' | 'gzip';

/** Bodies smaller than this are sent as they are: compressing them costs more than it saves. */
export const COMPRESS_MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The encoding to send for this `Accept-Encoding` (q-values and `*` honoured, by `negotiator`),
 * preferring brotli; null for none (identity).
 */
export function chooseEncoding(acceptEncoding: string | undefined): ContentEncoding | null {
  // negotiator 1.x takes the server's preference for ties (browsers send `gzip, deflate, br` at equal
  // q); @types/negotiator still describes 0.6, which lacks that option.
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding ?? '' } }) as unknown as {
    encoding(available: string[], options: { preferred: string[] }): string | undefined;
  };
  const chosen = negotiator.encoding(['br', 'gzip', 'identity'], { preferred: ['br', 'gzip', 'identity'] });
  return chosen === 'br' || chosen === 'gzip' ? chosen : null;
}

/**
 * Compresses one answer on zlib's thread pool, so the event loop keeps serving. Brotli at quality 4:
 * close to gzip's speed with smaller output, the usual choice for bodies compressed per request.
 */
export function compressBody(bytes: Uint8Array, encoding: ContentEncoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 4,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
        },
      })
    : gzipAsync(bytes);
}

/** A compressing stream for files sent whole (same settings as compressBody). */
export function createCompressor(encoding: ContentEncoding) {
  return encoding === 'br'
    ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
    : createGzip();
}

/** Text worth compressing; images and archives are compressed already. */
export function isCompressible(contentType: string): boolean {
  return /^(text\/|application\/(json|xml)\b)/.test(contentType);
}

export interface CompressedVariants {
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/** Every encoding of a static file, compressed once and harder (it is then served many times). */
export async function compressVariants(bytes: Buffer): Promise<CompressedVariants> {
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzipAsync(bytes, { level: 9 }),
  ]);
  return { identity: bytes, br, gzip: gz };
}

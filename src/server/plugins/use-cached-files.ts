import { once } from 'node:events';
import type { FileHandle } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { pipeline } from 'node:stream/promises';
import fresh from 'fresh';
import type send from 'send';
import { type CachedFile, openCachedFile } from '../cached-file.js';
import {
  COMPRESS_MIN_BYTES,
  type ContentEncoding,
  chooseEncoding,
  createCompressor,
  isCompressible,
} from '../compression.js';
import { textAnswer } from './json-answer.js';
import type { FrontPlugin } from './server-context.js';

/**
 * Streams an opened file with `send` (Range, conditional GET, HEAD, Content-Length). `send` opens and
 * stats by path, which would follow a link put in place after our checks, so it is given the opened
 * descriptor instead: `fd` reaches fs.createReadStream (send passes its options on to it), and the path
 * it stats is /dev/fd/N, the descriptor itself, so length, ranges and validators describe exactly the
 * bytes that are streamed.
 */
async function sendOpened(
  request: IncomingMessage,
  response: ServerResponse,
  file: CachedFile,
): Promise<void> {
  const closed = once(response, 'close');
  // Imported at the first file served: `send` and its dependencies need not load before `/healthz`.
  const { default: send } = await import('send');
  // Passed on to fs.createReadStream with start and end: read from the opened file, and leave it open.
  const streamOptions: send.SendOptions & { fd: FileHandle; autoClose: boolean } = {
    fd: file.handle,
    autoClose: false,
  };
  send(request, `/dev/fd/${file.handle.fd}`, streamOptions)
    .on('error', (error: { status?: number; headers?: Record<string, string> }) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const status = error.status ?? 500;
      for (const name of ['etag', 'last-modified', 'accept-ranges', 'vary']) response.removeHeader(name);
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...error.headers });
      response.end(`${(STATUS_CODES[status] ?? 'error').toLowerCase()}\n`);
    })
    .pipe(response);
  await closed;
}

/** The whole file compressed (a Range addresses the file's own bytes, so this is never ranged). */
async function sendCompressed(
  request: IncomingMessage,
  response: ServerResponse,
  file: CachedFile,
  encoding: ContentEncoding,
  validators: { etag: string; 'last-modified': string },
): Promise<void> {
  if (fresh(request.headers, validators)) {
    response.removeHeader('content-type');
    response.writeHead(304).end();
    return;
  }
  response.writeHead(200, { 'content-encoding': encoding });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await pipeline(
    file.handle.createReadStream({ autoClose: false }),
    createCompressor(encoding),
    response,
  ).catch(() => response.destroy());
}

const SUFFIX_RANGE = /^\s*bytes=\s*-\s*(\d+)\s*$/;

/**
 * The request as send's checks should see it, where they differ from RFC 9110 and from what this route
 * always answered:
 * - `fresh` answers 200 to a conditional request that also says `Cache-Control: no-cache`, which
 *   fetch() adds to every conditional request; that directive is for caches, while an origin server
 *   evaluates If-None-Match (13.1.2);
 * - range-parser 1.x refuses a suffix range longer than the file (`bytes=-5000` on 1000 bytes) with 416,
 *   where the whole file is meant (14.1.3; fixed only in range-parser 2, which needs Node 22).
 */
function asPreconditionsSee(request: IncomingMessage, size: number): IncomingMessage {
  const headers = { ...request.headers };
  delete headers['cache-control'];
  delete headers.pragma;
  const suffix = SUFFIX_RANGE.exec(headers.range ?? '');
  if (suffix && Number(suffix[1]) > size) headers.range = 'bytes=0-';
  return Object.create(request, { headers: { value: headers } }) as IncomingMessage;
}

async function serveFile(
  incoming: IncomingMessage,
  response: ServerResponse,
  file: CachedFile,
): Promise<void> {
  const info = await file.handle.stat();
  const request = asPreconditionsSee(incoming, info.size);
  response.setHeader('content-type', file.contentType);
  // The validators send itself would make (same format), set here so both ways of sending share them.
  const validators = {
    etag: `W/"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}"`,
    'last-modified': info.mtime.toUTCString(),
  };
  response.setHeader('etag', validators.etag);
  response.setHeader('last-modified', validators['last-modified']);
  response.setHeader('cache-control', 'no-cache');
  response.setHeader('access-control-allow-origin', '*');
  response.setHeader('x-content-type-options', 'nosniff');
  const compressible = isCompressible(file.contentType) && info.size >= COMPRESS_MIN_BYTES;
  if (compressible) response.setHeader('vary', 'Accept-Encoding');
  const encoding =
    compressible && request.headers.range === undefined
      ? chooseEncoding(request.headers['accept-encoding'])
      : null;
  if (encoding) await sendCompressed(request, response, file, encoding, validators);
  else await sendOpened(request, response, file);
}

/**
 * `GET/HEAD /files/{neuronId}/{filename}`: cached files, so browsers can load SWC files NeuroMorpho does
 * not serve them, to any origin (public data), with Range, ETag and conditional GET, and text files
 * compressed when no Range is asked for. Only what openCachedFile opened is ever sent.
 */
export function useCachedFiles(root: string | null): FrontPlugin {
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith('/files/')) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(textAnswer(fetchAPI, 405, 'method not allowed', { allow: 'GET, HEAD' }));
        return;
      }
      const { req, res } = serverContext;
      const file = root !== null && req && res ? await openCachedFile(root, url.pathname) : null;
      if (file === null || req === undefined || res === undefined) {
        endResponse(textAnswer(fetchAPI, 404, 'not found'));
        return;
      }
      try {
        await serveFile(req, res, file);
      } finally {
        await file.handle.close().catch(() => undefined);
      }
      // Answered on the Node response already; the adapter sends nothing for an ended response.
      endResponse(new fetchAPI.Response(null, { status: res.statusCode }));
    },
  };
}

import type { FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { resolveInsideRoot } from '../disk/confine.js';
import { folderKind } from '../disk/neuron-folder.js';
import { openRegularFile } from '../disk/no-follow.js';
import { isTempName } from '../disk/temp-files.js';
import { COMPRESS_MIN_BYTES, chooseEncoding, createCompressor, isCompressible } from './compression.js';

const CONTENT_TYPES: Record<string, string> = {
  '.swc': 'text/plain',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.asc': 'text/plain',
  '.txt': 'text/plain',
};

const ROUTE = /^\/files\/(\d{1,10})\/([^/]+)$/;

function send(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(`${message}\n`);
}

/** Parses a single `bytes=` range against a size; null = no usable Range header, 'invalid' = 416. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return header.includes(',') ? null : 'invalid';
  const [first, last] = [match[1] as string, match[2] as string];
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'invalid';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'invalid';
  return { start, end };
}

/**
 * Serves cached files at GET/HEAD /files/{neuronId}/{filename}, with Content-Length, ETag and Range,
 * so browsers can load SWC files NeuroMorpho does not serve them. Only regular files in a real neuron
 * folder are ever served: no link is followed, neither at the folder nor at the file (the file is opened
 * with O_NOFOLLOW and what was opened is what is streamed); temporary files never are.
 */
export function createFileRoute(root: string | null) {
  return async function serveFile(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'method not allowed', { allow: 'GET, HEAD' });
      return;
    }
    const match = ROUTE.exec(new URL(request.url ?? '/', 'http://gateway').pathname);
    if (root === null || !match) {
      send(response, 404, 'not found');
      return;
    }
    let name = '';
    let handle: FileHandle | null;
    try {
      name = decodeURIComponent(match[2] as string);
      if (name.startsWith('.') || isTempName(name)) throw new Error('hidden file');
      const folder = resolveInsideRoot(root, match[1] as string);
      if ((await folderKind(root, folder)) !== 'folder') throw new Error('not a neuron folder');
      handle = await openRegularFile(resolveInsideRoot(folder, name));
    } catch {
      handle = null;
    }
    if (handle === null) {
      send(response, 404, 'not found');
      return;
    }
    try {
      await serveOpened(request, response, handle, name);
    } finally {
      await handle.close().catch(() => undefined);
    }
  };
}

/** Answers from a file already opened (and checked): headers, conditional and range handling, body. */
async function serveOpened(
  request: IncomingMessage,
  response: ServerResponse,
  handle: FileHandle,
  name: string,
): Promise<void> {
  const info = await handle.stat();
  const etag = `W/"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
    etag,
    'last-modified': info.mtime.toUTCString(),
    'accept-ranges': 'bytes',
    'cache-control': 'no-cache',
    'access-control-allow-origin': '*',
    'x-content-type-options': 'nosniff',
  };
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, headers).end();
    return;
  }
  const range = parseRange(request.headers.range, info.size);
  if (range === 'invalid') {
    send(response, 416, 'range not satisfiable', { 'content-range': `bytes */${info.size}` });
    return;
  }
  const compressible = isCompressible(headers['content-type'] as string) && info.size >= COMPRESS_MIN_BYTES;
  if (compressible) headers.vary = 'Accept-Encoding';
  // Ranges address the file's own bytes, so a ranged answer is never compressed.
  const encoding = compressible && !range ? chooseEncoding(request.headers['accept-encoding']) : null;
  if (encoding) {
    response.writeHead(200, { ...headers, 'content-encoding': encoding });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    await pipeline(handle.createReadStream({ autoClose: false }), createCompressor(encoding), response).catch(
      () => response.destroy(),
    );
    return;
  }
  const { start, end } = range ?? { start: 0, end: info.size - 1 };
  const status = range ? 206 : 200;
  if (range) headers['content-range'] = `bytes ${start}-${end}/${info.size}`;
  response.writeHead(status, { ...headers, 'content-length': String(Math.max(0, end - start + 1)) });
  if (request.method === 'HEAD' || info.size === 0) {
    response.end();
    return;
  }
  await pipeline(handle.createReadStream({ start, end, autoClose: false }), response).catch(() =>
    response.destroy(),
  );
}

import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { resolveInsideRoot } from '../disk/confine.js';
import { isTempName } from '../disk/temp-files.js';

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
 * so browsers can load SWC files NeuroMorpho does not serve them. Only regular files inside the cache
 * root (after resolving links) are ever served; temporary files never are.
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
    let name: string;
    let path: string;
    try {
      name = decodeURIComponent(match[2] as string);
      if (name.startsWith('.') || isTempName(name)) throw new Error('hidden file');
      path = await realpath(resolveInsideRoot(root, match[1] as string, name));
      const realRoot = await realpath(root);
      if (relative(realRoot, path).startsWith(`..${sep}`) || !path.startsWith(realRoot + sep)) {
        throw new Error('outside the cache');
      }
    } catch {
      send(response, 404, 'not found');
      return;
    }
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) {
      send(response, 404, 'not found');
      return;
    }
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
    const { start, end } = range ?? { start: 0, end: info.size - 1 };
    const status = range ? 206 : 200;
    if (range) headers['content-range'] = `bytes ${start}-${end}/${info.size}`;
    response.writeHead(status, { ...headers, 'content-length': String(Math.max(0, end - start + 1)) });
    if (request.method === 'HEAD' || info.size === 0) {
      response.end();
      return;
    }
    await pipeline(createReadStream(path, { start, end }), response).catch(() => response.destroy());
  };
}

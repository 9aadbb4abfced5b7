/**
 * The replica's HTTP server: logs each request, applies faults, answers, and on close() destroys every
 * socket (keep-alive ones included) and cancels pending fault delays.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONTROL_PREFIX, type ControlDeps, controlReply } from './control.js';
import { paddedReply } from './padded-reply.js';
import { type Reply, springError } from './reply.js';
import { sendReply } from './send-reply.js';

/** Limit on request bodies (POST select); a JSON filter object is tiny. */
const MAX_BODY_BYTES = 1024 * 1024;

/** A request to NeuroMorpho's site (API or files), as the server hands it to the site handler. */
export interface SiteRequest {
  method: string;
  /** Pathname as received (percent-encoded). */
  path: string;
  /** Query string without the '?'. */
  search: string;
  body: Buffer;
}

export interface ServerDeps extends ControlDeps {
  site: (req: SiteRequest) => Reply;
}

export interface ReplicaServer {
  server: Server;
  close(): Promise<void>;
}

export function createReplicaServer(deps: ServerDeps): ReplicaServer {
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  const server = createServer((req, res) => {
    handle(req, res, deps, closing.signal).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ServerDeps,
  signal: AbortSignal,
): Promise<void> {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  const search = query < 0 ? '' : url.slice(query + 1);
  const method = req.method ?? 'GET';
  const headOnly = method === 'HEAD';
  if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
    const body = await readBody(req);
    await sendReply(res, controlReply(method, path, body ?? Buffer.alloc(0), deps), {
      headOnly,
      truncate: false,
    });
    return;
  }
  const entry = deps.log.record(req, path, url);
  const body = await readBody(req);
  const decision = deps.faults.decide(path);
  if (decision.latencyMs > 0) await sleep(decision.latencyMs, undefined, { signal });
  const fault = decision.answer;
  if (fault?.reset === true) {
    req.socket.destroy();
    return;
  }
  let reply: Reply;
  if (fault?.status !== undefined) {
    const headers: Record<string, string> =
      fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
    reply = springError(fault.status, 'Fault injected by the offline replica', path, headers);
  } else if (body === undefined) {
    reply = springError(413, 'Request body too large', path);
  } else {
    reply = deps.site({ method, path, search, body });
  }
  if (fault?.emptyBody === true) reply = { status: 200, headers: reply.headers, body: Buffer.alloc(0) };
  if (fault?.padBytes !== undefined) reply = paddedReply(reply, fault.padBytes);
  entry.status = reply.status;
  await sendReply(res, reply, {
    headOnly,
    truncate: fault?.truncate === true,
    trickleMs: fault?.trickleMs,
    chunked: fault?.chunked === true,
  });
}

/** The whole body, or undefined past the size limit. GET bodies are read (and ignored) too. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

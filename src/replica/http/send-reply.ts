/** Writes a Reply with backpressure; a truncating fault stops halfway and destroys the socket. */
import type { ServerResponse } from 'node:http';
import type { Reply } from './reply.js';

export interface SendOptions {
  headOnly: boolean;
  truncate: boolean;
}

export async function sendReply(res: ServerResponse, reply: Reply, options: SendOptions): Promise<void> {
  const length = reply.body.length;
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(length) });
  if (options.headOnly) {
    res.end();
    return;
  }
  if (options.truncate) res.flushHeaders();
  const limit = options.truncate ? Math.floor(length / 2) : length;
  const chunks = Buffer.isBuffer(reply.body) ? [reply.body] : reply.body.chunks();
  let sent = 0;
  for (const chunk of chunks) {
    if (res.destroyed || sent >= limit) break;
    const piece = sent + chunk.length > limit ? chunk.subarray(0, limit - sent) : chunk;
    sent += piece.length;
    if (options.truncate && sent >= limit) {
      // Let the half body reach the kernel before the connection is cut short of Content-Length.
      await new Promise<void>((resolve) => res.write(piece, () => resolve()));
    } else if (!res.write(piece)) {
      await drained(res);
    }
  }
  if (options.truncate) res.socket?.destroy();
  else res.end();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

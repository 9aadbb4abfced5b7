/**
 * Writes a Reply with backpressure. A truncating fault stops halfway and destroys the socket; a trickling
 * one sends a byte at a time; a chunked one leaves out Content-Length.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Reply } from './reply.js';

export interface SendOptions {
  headOnly: boolean;
  truncate: boolean;
  /** Milliseconds between single bytes of the body; undefined sends it as fast as the client reads. */
  trickleMs?: number | undefined;
  /** Send without Content-Length (chunked transfer encoding). */
  chunked?: boolean | undefined;
}

export async function sendReply(res: ServerResponse, reply: Reply, options: SendOptions): Promise<void> {
  const length = reply.body.length;
  res.writeHead(
    reply.status,
    options.chunked ? reply.headers : { ...reply.headers, 'Content-Length': String(length) },
  );
  if (options.headOnly) {
    res.end();
    return;
  }
  if (options.truncate || options.trickleMs !== undefined) res.flushHeaders();
  const limit = options.truncate ? Math.floor(length / 2) : length;
  const chunks = Buffer.isBuffer(reply.body) ? [reply.body] : reply.body.chunks();
  let sent = 0;
  for (const chunk of chunks) {
    if (res.destroyed || sent >= limit) break;
    const piece = sent + chunk.length > limit ? chunk.subarray(0, limit - sent) : chunk;
    sent += piece.length;
    if (options.trickleMs !== undefined) {
      await trickle(res, piece, options.trickleMs);
    } else if (options.truncate && sent >= limit) {
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

/** One byte, a pause, the next byte; stops as soon as the client (or the replica's close) drops the socket. */
async function trickle(res: ServerResponse, piece: Buffer, delayMs: number): Promise<void> {
  for (let offset = 0; offset < piece.length && !res.destroyed; offset++) {
    res.write(piece.subarray(offset, offset + 1));
    await sleep(delayMs);
  }
}

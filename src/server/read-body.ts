import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  readonly code = 'BODY_TOO_LARGE';
}

/**
 * Reads a request body, refusing once it passes `maxBytes` (at once when Content-Length says so). The
 * rest is left unread, not destroyed, so the caller can still answer on the same connection.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(new BodyTooLargeError(`body over ${maxBytes} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      stop();
      request.pause();
      reject(new BodyTooLargeError(`body over ${maxBytes} bytes`));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

/**
 * Reads and drops the rest of a refused body, so that the client, which usually reads the answer only
 * after sending everything, gets it instead of a reset connection. Bounded in bytes and time; resolves
 * false when the bound was hit (the caller then closes the connection).
 */
export function discardBody(request: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<boolean> {
  if (request.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    let discarded = 0;
    const finish = (drained: boolean) => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onEnd);
      resolve(drained);
    };
    const onData = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > maxBytes) finish(false);
    };
    const onEnd = () => finish(request.readableEnded);
    const timer = setTimeout(() => finish(false), timeoutMs);
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onEnd);
    request.resume();
  });
}

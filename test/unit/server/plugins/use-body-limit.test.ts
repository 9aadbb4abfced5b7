import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { useBodyLimit } from '../../../../src/server/plugins/use-body-limit.js';
import { servePlugins } from './plugin-server.js';

const LIMIT = 1024;

/** `total` bytes of spaces in 16 KiB pieces. */
function* spaces(total: number) {
  const piece = Buffer.alloc(16 * 1024, 0x20);
  for (let sent = 0; sent < total; sent += piece.length)
    yield piece.subarray(0, Math.min(piece.length, total - sent));
}

/** POSTs `total` bytes, chunked unless `declare`; resolves with the answer, however the upload then ends. */
function upload(port: number, total: number, declare: boolean) {
  return new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
    const outgoing = request({
      host: '127.0.0.1',
      port,
      path: '/graphql',
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(declare ? { 'content-length': String(total) } : {}),
      },
    });
    outgoing.on('response', (answer) => {
      let body = '';
      answer.on('data', (chunk: Buffer) => {
        body += String(chunk);
      });
      answer.on('end', () => {
        resolve({ status: answer.statusCode ?? 0, body, connection: answer.headers.connection });
        outgoing.destroy();
      });
    });
    // The upload may be cut once the answer is in; only an error before it counts.
    pipeline(Readable.from(spaces(total)), outgoing).catch(reject);
  });
}

describe('useBodyLimit', () => {
  it('hands the body on as bytes when it is within the limit', async () => {
    const { url, seen } = await servePlugins([useBodyLimit(LIMIT)]);
    const body = JSON.stringify({ query: '{ a }', variables: { pad: 'x'.repeat(LIMIT - 100) } });
    const answer = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(answer.status).toBe(200);
    expect(seen[0]?.body).toBe(body);
  });

  it.each([
    ['declared in Content-Length', true],
    ['sent chunked', false],
  ])(
    'answers a body over the limit (%s) with a readable 413 BODY_TOO_LARGE, the upload drained',
    async (_how, declare) => {
      const { port, seen } = await servePlugins([useBodyLimit(LIMIT)]);
      const answer = await upload(port, 40 * LIMIT, declare);
      expect(answer.status).toBe(413);
      expect(answer.connection).toBe('close');
      expect(JSON.parse(answer.body)).toEqual({
        errors: [
          { message: `body over ${LIMIT} bytes`, extensions: { code: 'BODY_TOO_LARGE', limit: LIMIT } },
        ],
      });
      expect(seen).toEqual([]);
    },
  );

  it('past the drain bound (64 times the limit) still answers 413 rather than resetting the upload', async () => {
    const { port } = await servePlugins([useBodyLimit(LIMIT)]);
    const answer = await upload(port, 200 * LIMIT, false).catch((error: Error) => ({
      status: 0,
      body: error.message,
    }));
    expect(answer.status).toBe(413);
  });

  it('leaves GET alone', async () => {
    const { url, seen } = await servePlugins([useBodyLimit(LIMIT)]);
    expect((await fetch(`${url}/graphql?query=${'x'.repeat(2 * LIMIT)}`)).status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});

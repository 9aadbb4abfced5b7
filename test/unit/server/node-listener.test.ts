import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { FrontPlugin } from '../../../src/server/plugins/server-context.js';
import { useBodyLimit } from '../../../src/server/plugins/use-body-limit.js';
import { useRequestId } from '../../../src/server/plugins/use-request-id.js';
import { recordingLogger, servePlugins } from './plugins/plugin-server.js';

/** Writes raw bytes on a fresh connection and collects what comes back until the server closes it. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += String(chunk);
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => undefined);
    socket.end(text);
  });
}

const failing: FrontPlugin = {
  onRequest({ url }) {
    if (url.pathname === '/boom') throw new Error('something internal at /secret/path');
  },
};

describe('createNodeListener', () => {
  it('answers a plugin that throws with a masked 500 and logs the cause with the request id', async () => {
    const { logger, lines } = recordingLogger('debug');
    const { url } = await servePlugins([useRequestId(), failing], { logger });
    const answer = await fetch(`${url}/boom`, { headers: { 'x-request-id': 'boom-1' } });
    expect(answer.status).toBe(500);
    const text = await answer.text();
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expect(text).not.toContain('secret');
    expect(text).not.toMatch(/\s+at .+:\d+:\d+/);
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, msg: 'request failed', requestId: 'boom-1', path: '/boom' }),
    ]);
  });

  it('a Host no URL can be built from is 400 BAD_HOST, an absolute-form target 404, never a stack', async () => {
    const { port, seen } = await servePlugins([useRequestId()]);
    const badHost = await raw(port, 'GET /graphql HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n');
    expect(badHost).toMatch(/^HTTP\/1\.1 400 /);
    expect(badHost).toContain('"BAD_HOST"');
    const absolute = await raw(
      port,
      `GET http://x/graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(absolute).toMatch(/^HTTP\/1\.1 404 /);
    for (const answer of [badHost, absolute]) expect(answer).not.toMatch(/\s+at .+:\d+:\d+/);
    expect(seen).toEqual([]);
  });

  it('a client that goes away mid-upload is logged at debug, not as an error', async () => {
    const { logger, lines } = recordingLogger('debug');
    const { port } = await servePlugins([useRequestId(), useBodyLimit(1 << 20)], { logger });
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => undefined);
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Request-Id: gone-1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":"`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    for (let i = 0; i < 100 && lines.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lines).toEqual([
      expect.objectContaining({ level: 20, msg: 'client went away mid-request', requestId: 'gone-1' }),
    ]);
  });
});

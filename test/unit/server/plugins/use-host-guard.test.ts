import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHostTrust } from '../../../../src/server/host-trust.js';
import { useHostGuard } from '../../../../src/server/plugins/use-host-guard.js';
import { servePlugins } from './plugin-server.js';

/** One request with exactly these headers (fetch will not set Host). */
function send(port: number, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, path: '/graphql?x=1', method: body ? 'POST' : 'GET', headers, agent: false },
      (answer) => {
        let text = '';
        answer.on('data', (chunk: Buffer) => {
          text += String(chunk);
        });
        answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body: text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const codeOf = (body: string) =>
  (JSON.parse(body) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code;

async function guarded(trustProxy: boolean, allowedHosts: string[] = []) {
  const hosts = createHostTrust({
    listenHost: '127.0.0.1',
    listensOnLoopback: true,
    allowedHosts,
    port: () => 4000,
  });
  return servePlugins([useHostGuard(hosts, trustProxy)]);
}

describe('useHostGuard', () => {
  it('refuses a malformed Host with 400 BAD_HOST and an unknown name with 403 HOST_NOT_ALLOWED', async () => {
    const { port, seen } = await guarded(false);
    const malformed = await send(port, { host: 'a/b' });
    expect({ status: malformed.status, code: codeOf(malformed.body) }).toEqual({
      status: 400,
      code: 'BAD_HOST',
    });
    const rebound = await send(port, { host: `rebind.example:${port}` });
    expect({ status: rebound.status, code: codeOf(rebound.body) }).toEqual({
      status: 403,
      code: 'HOST_NOT_ALLOWED',
    });
    expect(seen).toEqual([]);
  });

  it('lets IP addresses, localhost and ALLOWED_HOSTS names through, with the URL they used', async () => {
    const { port, seen } = await guarded(false, ['lab.example']);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'lab.example']) {
      expect((await send(port, { host })).status).toBe(200);
    }
    expect(seen.map((entry) => entry.url)).toEqual([
      `http://127.0.0.1:${port}/graphql?x=1`,
      `http://localhost:${port}/graphql?x=1`,
      'http://lab.example/graphql?x=1',
    ]);
  });

  it('behind a trusted proxy: the handler sees the host and protocol the proxy set last, body included', async () => {
    const { port, seen } = await guarded(true, ['neurons.lab.example']);
    const headers = {
      host: `127.0.0.1:${port}`,
      'x-forwarded-host': 'evil.example, neurons.lab.example',
      'x-forwarded-proto': 'http, https',
      'content-type': 'application/json',
    };
    expect((await send(port, headers, '{"query":"{ a }"}')).status).toBe(200);
    expect(seen[0]).toMatchObject({
      url: 'https://neurons.lab.example/graphql?x=1',
      method: 'POST',
      body: '{"query":"{ a }"}',
    });
    const forged = await send(port, { host: `127.0.0.1:${port}`, 'x-forwarded-host': 'evil.example' });
    expect(codeOf(forged.body)).toBe('HOST_NOT_ALLOWED');
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createCorsPolicy } from '../../../src/server/cors-policy.js';
import { isJsonMediaType } from '../../../src/server/media-type.js';

const TOKEN = 'sixteen-or-more-characters';

describe('security defaults', () => {
  it('rate limiting is on beyond loopback, off on loopback unless RATE_LIMIT_RPS is set', () => {
    expect(loadConfig({}).rateLimit).toBeNull();
    expect(loadConfig({ HOST: '0.0.0.0', ADMIN_TOKEN: TOKEN }).rateLimit).toEqual({
      perSecond: 20,
      burst: 40,
    });
    expect(loadConfig({ RATE_LIMIT_RPS: '5' }).rateLimit).toEqual({ perSecond: 5, burst: 10 });
    expect(loadConfig({ HOST: '0.0.0.0', ADMIN_TOKEN: TOKEN, RATE_LIMIT_RPS: '0' }).rateLimit).toBeNull();
  });

  it('caps connections per address only beyond loopback and not behind a trusted proxy', () => {
    expect(loadConfig({}).connections).toEqual({
      maxConnections: 4096,
      maxConnectionsPerAddress: 0,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5000,
    });
    expect(loadConfig({ HOST: '0.0.0.0', ADMIN_TOKEN: TOKEN }).connections.maxConnectionsPerAddress).toBe(
      256,
    );
    const proxied = loadConfig({ HOST: '0.0.0.0', ADMIN_TOKEN: TOKEN, TRUST_PROXY: 'true' });
    expect(proxied.connections.maxConnectionsPerAddress).toBe(0);
  });

  it('CORS defaults to dev servers on this machine; paths go to writers', () => {
    const config = loadConfig({});
    expect(config.corsOrigins).toEqual(['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*']);
    expect(config.exposePaths).toBe('writers');
    expect(config.allowedHosts).toEqual([]);
    expect(loadConfig({ ALLOWED_HOSTS: ' lab.example , .uni.example ' }).allowedHosts).toEqual([
      'lab.example',
      '.uni.example',
    ]);
  });

  it('reports bad values, all at once', () => {
    const bad = { EXPOSE_PATHS: 'some', HEADERS_TIMEOUT_MS: '60000', REQUEST_TIMEOUT_MS: '1000' };
    expect(() => loadConfig(bad)).toThrow(/EXPOSE_PATHS must be one of writers, all, none/);
    expect(() => loadConfig(bad)).toThrow(/HEADERS_TIMEOUT_MS must not be longer than REQUEST_TIMEOUT_MS/);
  });
});

describe('createCorsPolicy', () => {
  const optionsFor = (entries: string[], origin: string | null) =>
    createCorsPolicy(entries)(
      new Request('http://127.0.0.1:4000/graphql', origin ? { headers: { origin } } : {}),
    );

  it('answers a listed origin with itself, without credentials; `:*` means any port, not any host', () => {
    expect(optionsFor(['http://localhost:*'], 'http://localhost:5173')).toMatchObject({
      origin: ['http://localhost:5173'],
      credentials: false,
    });
    for (const origin of ['http://localhost', 'http://localhost:5173.evil.example', 'https://localhost:5173'])
      expect(optionsFor(['http://localhost:*'], origin), origin).toBe(false);
    expect(optionsFor(['*'], 'https://any.example')).toMatchObject({ credentials: false });
    expect(optionsFor(['*'], null)).toBe(false);
  });
});

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON', true],
    ['application/graphql-response+json', true],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    ['text/plain', false],
    ['application/graphql', false],
    [undefined, false],
  ])('%s -> %s', (contentType, expected) => {
    expect(isJsonMediaType(contentType)).toBe(expected);
  });
});

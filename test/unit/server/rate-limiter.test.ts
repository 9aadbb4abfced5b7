import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientKey } from '../../../src/server/client-key.js';
import { upstreamEndpoint } from '../../../src/server/metrics.js';
import { createRateLimiter } from '../../../src/server/rate-limiter.js';

describe('createRateLimiter', () => {
  it('lets a burst through, then refills at the given rate', () => {
    const limiter = createRateLimiter({ perSecond: 2, burst: 3 });
    const at = (ms: number) => limiter.take('a', ms);
    expect([at(0), at(0), at(0)].every((d) => d.allowed)).toBe(true);
    expect(at(0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(at(499).allowed).toBe(false);
    expect(at(500).allowed).toBe(true);
    expect(limiter.take('b', 500).allowed).toBe(true);
  });

  it('never grows past the burst however long a client was quiet', () => {
    const limiter = createRateLimiter({ perSecond: 10, burst: 2 });
    expect(limiter.take('a', 0).allowed).toBe(true);
    const later = 3_600_000;
    expect(
      [limiter.take('a', later), limiter.take('a', later), limiter.take('a', later)].map((d) => d.allowed),
    ).toEqual([true, true, false]);
  });
});

describe('clientKey', () => {
  const request = (headers: Record<string, string>, remoteAddress = '10.0.0.5') =>
    ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

  it('uses a hash of the bearer token, never the token itself', () => {
    const key = clientKey(request({ authorization: 'Bearer my-secret-token' }), false, 'my-secret-token');
    expect(key).toMatch(/^token:/);
    expect(key).not.toContain('my-secret-token');
  });

  it('counts an invented token against the address: random tokens buy no fresh buckets', () => {
    const invented = (token: string) =>
      clientKey(request({ authorization: `Bearer ${token}` }), false, 'admin-token-1234');
    expect(invented('random-1')).toBe('ip:10.0.0.5');
    expect(invented('random-2')).toBe('ip:10.0.0.5');
    expect(clientKey(request({ authorization: 'Bearer random-3' }), false)).toBe('ip:10.0.0.5');
  });

  it('uses the socket address unless the proxy is trusted, then the entry the proxy added', () => {
    const forwarded = request({ 'x-forwarded-for': '1.2.3.4, 172.18.0.5' });
    expect(clientKey(forwarded, false)).toBe('ip:10.0.0.5');
    expect(clientKey(forwarded, true)).toBe('ip:172.18.0.5');
  });
});

describe('upstreamEndpoint', () => {
  it.each([
    ['https://neuromorpho.org/api/neuron/id/123', '/api/neuron/id/:id'],
    ['https://neuromorpho.org/api/neuron/name/cnic_001', '/api/neuron/name/:name'],
    ['https://neuromorpho.org/api/neuron/select?q=x', '/api/neuron/select'],
    ['https://neuromorpho.org/api/morphometry/id/1', '/api/morphometry/id/:id'],
    ['https://neuromorpho.org/api/neuron/fields/species', '/api/neuron/fields/:field'],
    ['https://neuromorpho.org/dableFiles/a/CNG%20version/x.CNG.swc', '/dableFiles'],
    ['not a url', '/'],
  ])('%s -> %s', (url, endpoint) => {
    expect(upstreamEndpoint(url)).toBe(endpoint);
  });
});

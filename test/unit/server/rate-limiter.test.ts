import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientKey } from '../../../src/server/client-key.js';
import { upstreamEndpoint } from '../../../src/server/metrics.js';
import { createRateLimiter, rateWindow } from '../../../src/server/rate-limiter.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('rateWindow', () => {
  it('counts the burst per burst/rate seconds, rounded up to whole seconds: never more than either', () => {
    expect(rateWindow({ perSecond: 20, burst: 40 })).toEqual({ points: 40, duration: 2 });
    expect(rateWindow({ perSecond: 1, burst: 3 })).toEqual({ points: 3, duration: 3 });
    expect(rateWindow({ perSecond: 2, burst: 3 })).toEqual({ points: 3, duration: 2 });
    expect(rateWindow({ perSecond: 20, burst: 5 })).toEqual({ points: 5, duration: 1 });
  });
});

describe('createRateLimiter', () => {
  it('lets a burst through, then refuses with the seconds until the window ends, per client', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter({ perSecond: 1, burst: 3 });
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.consume('a'));
    expect(decisions.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(decisions[3]).toEqual({ allowed: false, retryAfterSeconds: 3 });
    expect(await limiter.consume('b')).toEqual({ allowed: true });
    vi.advanceTimersByTime(2_500);
    expect(await limiter.consume('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    vi.advanceTimersByTime(600);
    expect(await limiter.consume('a')).toEqual({ allowed: true });
  });

  it('never grows past the burst however long a client was quiet', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter({ perSecond: 10, burst: 2 });
    expect(await limiter.consume('a')).toEqual({ allowed: true });
    vi.advanceTimersByTime(3_600_000);
    const later = [await limiter.consume('a'), await limiter.consume('a'), await limiter.consume('a')];
    expect(later.map((decision) => decision.allowed)).toEqual([true, true, false]);
  });

  it('counts in memory, never refusing for the store, while its Redis cannot be reached', async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    const limiter = createRateLimiter({ perSecond: 1, burst: 2, redisUrl: 'redis://127.0.0.1:1' });
    const decisions = [await limiter.consume('a'), await limiter.consume('a'), await limiter.consume('a')];
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false]);
    await limiter.close();
  });
});

describe('clientKey', () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  const options = (adminToken: string | null = null, trustProxy = false) => ({ adminToken, trustProxy });

  it('uses a hash of the bearer token, never the token itself', () => {
    const key = clientKey(
      headers({ authorization: 'Bearer my-secret-token' }),
      '10.0.0.5',
      options('my-secret-token'),
    );
    expect(key).toMatch(/^token:/);
    expect(key).not.toContain('my-secret-token');
  });

  it('counts an invented token against the address: random tokens buy no fresh buckets', () => {
    const invented = (token: string) =>
      clientKey(headers({ authorization: `Bearer ${token}` }), '10.0.0.5', options('admin-token-1234'));
    expect(invented('random-1')).toBe('ip:10.0.0.5');
    expect(invented('random-2')).toBe('ip:10.0.0.5');
    expect(clientKey(headers({ authorization: 'Bearer random-3' }), '10.0.0.5', options())).toBe(
      'ip:10.0.0.5',
    );
  });

  it('uses the socket address unless the proxy is trusted, then the entry the proxy added', () => {
    const forwarded = headers({ 'x-forwarded-for': '1.2.3.4, 172.18.0.5' });
    expect(clientKey(forwarded, '10.0.0.5', options())).toBe('ip:10.0.0.5');
    expect(clientKey(forwarded, '10.0.0.5', options(null, true))).toBe('ip:172.18.0.5');
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

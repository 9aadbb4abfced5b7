import { describe, expect, it } from 'vitest';
import { useRateLimit } from '../../../../src/server/plugins/use-rate-limit.js';
import { createRateLimiter } from '../../../../src/server/rate-limiter.js';
import { servePlugins } from './plugin-server.js';

const ADMIN = 'the-admin-token-of-this-test';

describe('useRateLimit', () => {
  it('refuses a client past its burst with 429 RATE_LIMITED and Retry-After, and counts each refusal', async () => {
    let refused = 0;
    const limiter = createRateLimiter({ perSecond: 1, burst: 2 });
    const plugin = useRateLimit({ limiter, trustProxy: false, adminToken: null, onRefused: () => refused++ });
    const { url, seen } = await servePlugins([plugin]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${url}/graphql`)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const answer = await fetch(`${url}/graphql`);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await answer.json()).toMatchObject({
      errors: [
        {
          message: 'too many requests',
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
        },
      ],
    });
    expect(refused).toBe(3);
    expect(seen.map((entry) => entry.context.clientKey)).toEqual(['ip:127.0.0.1', 'ip:127.0.0.1']);
  });

  it('the admin token has its own budget; without a limiter every request is named and none refused', async () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 1 });
    const limited = await servePlugins([useRateLimit({ limiter, trustProxy: false, adminToken: ADMIN })]);
    expect((await fetch(`${limited.url}/graphql`)).status).toBe(200);
    expect(
      (await fetch(`${limited.url}/graphql`, { headers: { authorization: 'Bearer made-up' } })).status,
    ).toBe(429);
    expect(
      (await fetch(`${limited.url}/graphql`, { headers: { authorization: `Bearer ${ADMIN}` } })).status,
    ).toBe(200);
    expect(limited.seen[1]?.context.clientKey).toMatch(/^token:/);

    const open = await servePlugins([useRateLimit({ limiter: null, trustProxy: true, adminToken: null })]);
    for (let i = 0; i < 5; i++)
      expect(
        (await fetch(`${open.url}/graphql`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status,
      ).toBe(200);
    expect(open.seen.map((entry) => entry.context.clientKey)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `ip:198.51.100.${i}`),
    );
  });

  it('CORS preflights are not counted; a refusal carries the headers refusalHeaders gives it', async () => {
    // One request per 60 s window: the refusal cannot be dodged by a window turning over mid-test.
    const limiter = createRateLimiter({ perSecond: 1 / 60, burst: 1 });
    const plugin = useRateLimit({
      limiter,
      trustProxy: false,
      adminToken: null,
      refusalHeaders: () => ({ 'access-control-allow-origin': 'http://localhost:5173' }),
    });
    const { url } = await servePlugins([plugin]);
    for (let i = 0; i < 5; i++)
      expect((await fetch(`${url}/graphql`, { method: 'OPTIONS' })).status).toBe(200);
    expect((await fetch(`${url}/graphql`)).status).toBe(200);
    const refused = await fetch(`${url}/graphql`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

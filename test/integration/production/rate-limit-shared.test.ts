/**
 * Two gateways behind one proxy, on one Redis (CACHE_STORE): a client's rate limit is one budget for
 * both, so alternating between them buys nothing; and a Redis outage never refuses a request.
 */
import { describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../../support/gateway.js';
import { startRedis } from '../../support/redis.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 20 });
const query = { query: '{ __typename }' };
const LIMITS = { RATE_LIMIT_RPS: '1', RATE_LIMIT_BURST: '4' };

async function statuses(sequence: TestGateway[]): Promise<number[]> {
  const seen: number[] = [];
  for (const gateway of sequence) {
    const answer = await gateway.post(query);
    await answer.arrayBuffer();
    seen.push(answer.status);
  }
  return seen;
}

describe('the rate limit with CACHE_STORE=redis://', () => {
  it('two gateways count a client against one budget', async () => {
    const redis = await startRedis();
    const env = { CACHE_STORE: redis.url, ...LIMITS };
    const [a, b] = await Promise.all([startGateway(replica.url, env), startGateway(replica.url, env)]);
    const alternating = await statuses([a, b, a, b, a, b]);
    expect(alternating).toEqual([200, 200, 200, 200, 429, 429]);
    // What the shared budget prevents: gateways counting on their own grant each its own burst.
    const [c, d] = await Promise.all([startGateway(replica.url, LIMITS), startGateway(replica.url, LIMITS)]);
    expect(await statuses([c, d, c, d, c, d, c, d, c, d])).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 429, 429,
    ]);
  });

  it('while Redis is down every gateway counts in its own memory, and no request fails for it', async () => {
    const redis = await startRedis();
    const env = { CACHE_STORE: redis.url, ...LIMITS };
    const [a, b] = await Promise.all([startGateway(replica.url, env), startGateway(replica.url, env)]);
    expect(await statuses([a, b])).toEqual([200, 200]);
    await redis.kill();
    const during = await statuses([a, a, a, a, a, b, b, b, b, b]);
    expect(during).toEqual([200, 200, 200, 200, 429, 200, 200, 200, 200, 429]);
    const refused = await a.post(query);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
  });

  it('a Redis that is connected but frozen holds requests no longer than its short timeout', async () => {
    const redis = await startRedis();
    const gateway = await startGateway(replica.url, { CACHE_STORE: redis.url, ...LIMITS });
    expect(await statuses([gateway])).toEqual([200]);
    redis.pause();
    try {
      const started = performance.now();
      expect(await statuses([gateway, gateway])).toEqual([200, 200]);
      const ms = performance.now() - started;
      console.log(`two requests answered in ${Math.round(ms)} ms while Redis was frozen`);
      expect(ms).toBeLessThan(5000);
    } finally {
      redis.resume();
    }
  });
});

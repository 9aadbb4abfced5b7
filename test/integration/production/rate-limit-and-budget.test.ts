import { beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 600 });

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

const neuronQuery = (id: number) => ({ query: `{ neuron(id: ${id}) { name } }` });

/** Asks for several neurons at once and lists the error codes of every answer. */
async function errorCodesOfConcurrent(gateway: TestGateway, ids: number[]): Promise<string[]> {
  const results = await Promise.all(
    ids.map((id) =>
      gateway
        .post(neuronQuery(id))
        .then((r) => r.json() as Promise<{ errors?: Array<{ extensions: { code: string } }> }>),
    ),
  );
  return results.flatMap((result) => (result.errors ?? []).map((error) => error.extensions.code));
}

describe('per-client rate limiting', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a client spends its burst', async () => {
    const gateway = await startGateway(replica.url, { RATE_LIMIT_RPS: '1', RATE_LIMIT_BURST: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await gateway.post(neuronQuery(1))).status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const refused = await gateway.post(neuronQuery(1));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
  });

  it('keeps a separate bucket for the admin token, and none for invented ones', async () => {
    const admin = 'the-admin-token-of-this-test';
    const gateway = await startGateway(replica.url, {
      RATE_LIMIT_RPS: '1',
      RATE_LIMIT_BURST: '1',
      ADMIN_TOKEN: admin,
    });
    expect((await gateway.post(neuronQuery(1), { authorization: 'Bearer client-one-token' })).status).toBe(
      200,
    );
    expect((await gateway.post(neuronQuery(1), { authorization: 'Bearer client-one-token' })).status).toBe(
      429,
    );
    // An invented token counts against the address, which has spent its burst.
    expect((await gateway.post(neuronQuery(1), { authorization: 'Bearer client-two-token' })).status).toBe(
      429,
    );
    expect((await gateway.post(neuronQuery(1), { authorization: `Bearer ${admin}` })).status).toBe(200);
  });

  it('does not limit health checks', async () => {
    const gateway = await startGateway(replica.url, { RATE_LIMIT_RPS: '1', RATE_LIMIT_BURST: '1' });
    for (let i = 0; i < 5; i++) expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
  });
});

describe('upstream budget', () => {
  it('holds the rate and concurrency caps under a burst of 500 queries (replica log as witness)', async () => {
    const gateway = await startGateway(replica.url, {
      UPSTREAM_MAX_RPS: '100',
      UPSTREAM_MAX_CONCURRENCY: '4',
      CACHE_STORE: 'off',
    });
    replica.faults.add({ route: '/api', latencyMs: 20 });
    const ids = replica.population.ids.slice(0, 500);
    const results = await Promise.all(ids.map((id) => gateway.post(neuronQuery(id)).then((r) => r.json())));
    for (const result of results) expect(result).not.toHaveProperty('errors');
    const starts = replica.log.filter((entry) => entry.path.startsWith('/api')).map((entry) => entry.at);
    expect(starts).toHaveLength(500);
    // Starts are spaced 10 ms apart, so any one second holds at most 100 (+1 at its edge).
    let busiestSecond = 0;
    for (let i = 0, j = 0; i < starts.length; i++) {
      while ((starts[i] as number) - (starts[j] as number) >= 1000) j++;
      busiestSecond = Math.max(busiestSecond, i - j + 1);
    }
    expect(busiestSecond).toBeLessThanOrEqual(101);
    expect(gateway.app.upstreamStats().maxActive).toBeLessThanOrEqual(4);
    expect(gateway.app.upstreamStats().active).toBe(0);
  }, 60_000);

  it('times out cleanly with UPSTREAM_BUSY when the queue wait is too long', async () => {
    const gateway = await startGateway(replica.url, {
      UPSTREAM_MAX_RPS: '1000',
      UPSTREAM_MAX_CONCURRENCY: '1',
      UPSTREAM_QUEUE_TIMEOUT_MS: '100',
      CACHE_STORE: 'off',
    });
    replica.faults.add({ route: '/api', latencyMs: 400 });
    expect(await errorCodesOfConcurrent(gateway, [1, 37, 38])).toContain('UPSTREAM_BUSY');
    expect(replica.count({ pathPrefix: '/api' })).toBeLessThan(3);
  });

  it('refuses at once when the queue is full', async () => {
    const gateway = await startGateway(replica.url, {
      UPSTREAM_MAX_CONCURRENCY: '1',
      UPSTREAM_MAX_QUEUE: '0',
      UPSTREAM_MAX_RPS: '1000',
      CACHE_STORE: 'off',
    });
    replica.faults.add({ route: '/api', latencyMs: 300 });
    expect(await errorCodesOfConcurrent(gateway, [1, 37])).toEqual(['UPSTREAM_BUSY']);
  });
});

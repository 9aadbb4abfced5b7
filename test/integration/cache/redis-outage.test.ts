import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyvHandle } from '../../../src/cache/keyv-factory.js';
import { createResponseStore, type ResponseStore } from '../../../src/cache/response-store.js';
import type { AvailabilityChange } from '../../../src/cache/store-breaker.js';
import { startGateway } from '../../support/gateway.js';
import { startRedis, type TestRedis } from '../../support/redis.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 100 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await sleep(25);
  }
  throw new Error(`timed out waiting until ${what}`);
}

interface Observed {
  store: ResponseStore;
  errors: unknown[];
  changes: AvailabilityChange[];
}

function observedStore(redis: TestRedis, operationTimeoutMs: number, probeAfterMs: number): Observed {
  const errors: unknown[] = [];
  const changes: AvailabilityChange[] = [];
  const store = createResponseStore({
    handle: createKeyvHandle({ store: redis.url, maxEntries: 100, onError: (error) => errors.push(error) }),
    staleMs: 60_000,
    operationTimeoutMs,
    probeAfterMs,
    onError: (error) => errors.push(error),
    onAvailability: (change) => changes.push(change),
  });
  afterAll(() => store.close());
  return { store, errors, changes };
}

const entry = (key: string, value: unknown) => ({ key, value, freshMs: 60_000 });

describe('the response store skips Redis while it is unavailable', () => {
  it('a killed Redis: every operation is skipped without being sent, one outage reported, used again once back', async () => {
    const redis = await startRedis();
    const { store, errors, changes } = observedStore(redis, 250, 60_000);
    await store.setMany([entry('nm:v1:outage:warm', 1)]);
    expect((await store.getMany<number>(['nm:v1:outage:warm']))[0]?.v).toBe(1);
    expect(store.health()).toMatchObject({ state: 'closed', skipped: 0 });

    await redis.kill();
    await until(() => store.health().state === 'open', 'the breaker opens');
    const errorsBefore = errors.length;
    for (let i = 0; i < 20; i++) {
      expect(await store.getMany([`nm:v1:outage:${i}`])).toEqual([undefined]);
      await store.setMany([entry(`nm:v1:outage:${i}`, i)]);
    }
    expect(store.health()).toMatchObject({ state: 'open', skipped: 40, outages: 1 });
    expect(errors.length).toBe(errorsBefore);
    expect(await store.ping()).toBe(false);
    expect(changes.map((change) => change.available)).toEqual([false]);

    await redis.start();
    await until(() => store.ping(), 'Redis answers again');
    expect(store.health().state).toBe('closed');
    await store.setMany([entry('nm:v1:outage:back', 'back')]);
    expect((await store.getMany<string>(['nm:v1:outage:back']))[0]?.v).toBe('back');
    expect(changes.map((change) => change.available)).toEqual([false, true]);
  });

  it('a hung Redis: a few operations time out, then the breaker skips the rest and probes until it answers', async () => {
    const redis = await startRedis();
    const { store, changes } = observedStore(redis, 100, 300);
    await store.setMany([entry('nm:v1:hung:warm', 1)]);
    expect((await store.getMany<number>(['nm:v1:hung:warm']))[0]?.v).toBe(1);

    redis.pause();
    const operations = 40;
    for (let i = 0; i < operations; i++)
      expect(await store.getMany([`nm:v1:hung:${i}`])).toEqual([undefined]);
    const { skipped } = store.health();
    console.log(`hung Redis: ${operations - skipped} of ${operations} operations waited for the timeout`);
    // Without the breaker every one of them would wait the 100 ms timeout.
    expect(skipped).toBeGreaterThanOrEqual(operations - 10);
    expect(changes[0]?.available).toBe(false);

    redis.resume();
    await until(async () => {
      await store.getMany(['nm:v1:hung:warm']);
      return store.health().state === 'closed';
    }, 'a probe closes the breaker');
    expect((await store.getMany<number>(['nm:v1:hung:warm']))[0]?.v).toBe(1);
    expect(changes.map((change) => change.available)).toEqual([false, true]);
  });
});

describe('a gateway on Redis during a Redis outage', () => {
  it('answers without waiting on the cache, logs the outage once, stays ready, and caches again once Redis is back', async () => {
    const redis = await startRedis();
    const lines: Array<{ level: number; msg: string }> = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _encoding, callback) {
          for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
          callback();
        },
      }),
    );
    const gateway = await startGateway(
      replica.url,
      // Whole answers kept in memory would hide whether Redis caches again: this is about the record store.
      { CACHE_STORE: redis.url, LOG_LEVEL: 'info', RESPONSE_CACHE: 'off' },
      { logger },
    );
    const upstreamRequests = () =>
      replica.count({ pathPrefix: '/api/neuron' }) + replica.count({ pathPrefix: '/api/morphometry' });
    const query = (id: number) => gateway.execute(`{ neuron(id: ${id}) { name measurement { nStems } } }`);
    await until(
      async () => (await (await fetch(`${gateway.url}/readyz`)).json()).redis === 'up',
      'Redis is up',
    );
    for (const id of [1, 37]) expect((await query(id)).errors).toBeUndefined();

    await redis.kill();
    const ids = [1, 37, 38, 39, 40];
    const started = performance.now();
    for (let i = 0; i < 20; i++) {
      const result = await query(ids[i % ids.length] as number);
      expect(result.errors).toBeUndefined();
      expect(result.data).toMatchObject({ neuron: { name: expect.any(String) } });
    }
    const elapsedMs = performance.now() - started;
    console.log(`20 queries during the Redis outage took ${elapsedMs.toFixed(0)} ms in all`);
    // Each waited about 0.5 s on the 250 ms cache timeout before the breaker: 10 s for the 20.
    expect(elapsedMs).toBeLessThan(5000);

    const ready = await fetch(`${gateway.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, upstream: 'up', redis: 'down' });
    const cacheWarnings = lines.filter((line) => line.level === 40 && /response cache/.test(line.msg));
    expect(cacheWarnings.length).toBeGreaterThanOrEqual(1);
    expect(cacheWarnings.length).toBeLessThanOrEqual(3);

    await redis.start();
    await until(async () => {
      await query(41);
      replica.clearLog();
      await query(41);
      return upstreamRequests() === 0;
    }, 'a repeated query is answered from Redis again');
    expect(lines.some((line) => line.level === 30 && line.msg === 'response cache available again')).toBe(
      true,
    );
  });
});

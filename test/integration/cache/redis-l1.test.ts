import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createKeyvHandle } from '../../../src/cache/keyv-factory.js';
import { createResponseStore, type ResponseStore } from '../../../src/cache/response-store.js';
import { NestedSearchDocument } from '../../generated/graphql.js';
import { startGateway } from '../../support/gateway.js';
import { startRedis } from '../../support/redis.js';
import { countRedisCommands } from '../../support/redis-commands.js';
import { startReplica } from '../../support/replica.js';

const redis = await startRedis();
const replica = await startReplica({ size: 400 });
const commands = await countRedisCommands(redis.url);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Moved by the tests instead of sleeping: the store's freshness and its L1's expiry both follow it. */
let now = 1_000_000;
const clock = () => now;

function gatewayStore(l1?: { ttlMs: number; maxBytes: number }): ResponseStore {
  const store = createResponseStore({
    handle: createKeyvHandle({ store: redis.url, maxEntries: 100, onError: () => undefined }),
    staleMs: 60_000,
    operationTimeoutMs: 1000,
    onError: () => undefined,
    now: clock,
    ...(l1 ? { l1 } : {}),
  });
  afterAll(() => store.close());
  return store;
}

async function connected(store: ResponseStore): Promise<void> {
  for (let i = 0; i < 200 && !(await store.ping()); i++) await sleep(25);
}

async function redisUp(gatewayUrl: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ready = (await (await fetch(`${gatewayUrl}/readyz`)).json()) as { redis?: string };
    if (ready.redis === 'up') return;
    await sleep(25);
  }
}

const keys = (name: string, count: number) =>
  Array.from({ length: count }, (_, i) => `nm:v2:l1-test:${name}:${i}`);
const entries = (list: string[], value: (i: number) => unknown) =>
  list.map((key, i) => ({ key, value: value(i), freshMs: 600_000 }));

beforeEach(async () => {
  now += 3_600_000;
  await commands.reset();
});

describe('Redis behind an L1: one round trip per batch, none while the L1 holds it', () => {
  it('20 records are written with one MULTI/EXEC and read with one MGET, never a GET or SET each', async () => {
    const store = gatewayStore({ ttlMs: 0, maxBytes: 0 });
    await connected(store);
    await commands.reset();
    const list = keys('batch', 20);
    await store.setMany(entries(list, (i) => ({ neuron_id: i })));
    const read = await store.getMany<{ neuron_id: number }>(list);
    expect(read.map((entry) => entry?.v.neuron_id)).toEqual(list.map((_, i) => i));
    const counts = await commands.counts();
    expect(counts.mget).toBe(1);
    expect(counts.exec).toBe(1);
    expect(counts.multi).toBe(1);
    expect(counts.set).toBe(20);
    expect(counts.get).toBeUndefined();
  });

  it('a repeated read within the L1 TTL sends no command at all; only the keys the L1 lacks are asked for', async () => {
    const store = gatewayStore({ ttlMs: 1000, maxBytes: 1_000_000 });
    await connected(store);
    const written = keys('l1-written', 5);
    await store.setMany(entries(written, (i) => i));
    await commands.reset();
    expect((await store.getMany<number>(written)).map((entry) => entry?.v)).toEqual([0, 1, 2, 3, 4]);
    expect(await commands.counts()).toEqual({});

    // Written by another gateway: this one reads the 3 it lacks in one MGET, and keeps them.
    const other = gatewayStore({ ttlMs: 1000, maxBytes: 1_000_000 });
    const elsewhere = keys('l1-elsewhere', 3);
    await other.setMany(entries(elsewhere, (i) => 10 + i));
    await commands.reset();
    const mixed = [...written, ...elsewhere];
    expect((await store.getMany<number>(mixed)).map((entry) => entry?.v)).toEqual([
      0, 1, 2, 3, 4, 10, 11, 12,
    ]);
    expect(await commands.counts()).toEqual({ mget: 1 });
    await store.getMany(mixed);
    expect(await commands.counts()).toEqual({ mget: 1 });
  });

  it("a second gateway's write is seen once the L1 TTL is over, not before", async () => {
    const a = gatewayStore({ ttlMs: 1000, maxBytes: 1_000_000 });
    const b = gatewayStore({ ttlMs: 1000, maxBytes: 1_000_000 });
    await Promise.all([connected(a), connected(b)]);
    const [key] = keys('invalidation', 1) as [string];
    await a.setMany([{ key, value: 'first', freshMs: 600_000 }]);
    expect((await b.getMany<string>([key]))[0]?.v).toBe('first');
    await b.setMany([{ key, value: 'second', freshMs: 600_000 }]);
    now += 999;
    expect((await a.getMany<string>([key]))[0]?.v).toBe('first');
    now += 1;
    expect((await a.getMany<string>([key]))[0]?.v).toBe('second');
    // The writer sees its own write at once.
    expect((await b.getMany<string>([key]))[0]?.v).toBe('second');
  });

  it('an entry past its freshness is read from Redis again, where another gateway may have renewed it', async () => {
    const a = gatewayStore({ ttlMs: 60_000, maxBytes: 1_000_000 });
    const b = gatewayStore({ ttlMs: 60_000, maxBytes: 1_000_000 });
    await Promise.all([connected(a), connected(b)]);
    const [key] = keys('renewed', 1) as [string];
    await a.setMany([{ key, value: 'old', freshMs: 10 }]);
    now += 5;
    await b.setMany([{ key, value: 'renewed', freshMs: 600_000 }]);
    now += 10;
    expect((await a.getMany<string>([key]))[0]?.v).toBe('renewed');
  });

  it('is bounded by bytes: an entry larger than the L1 is read from Redis every time', async () => {
    const store = gatewayStore({ ttlMs: 60_000, maxBytes: 10_000 });
    await connected(store);
    const [small, large] = keys('bytes', 2) as [string, string];
    await store.setMany([
      { key: small, value: 'x'.repeat(100), freshMs: 600_000 },
      { key: large, value: 'x'.repeat(20_000), freshMs: 600_000 },
    ]);
    await commands.reset();
    expect((await store.getMany<string>([small]))[0]?.v).toHaveLength(100);
    expect(await commands.counts()).toEqual({});
    expect((await store.getMany<string>([large]))[0]?.v).toHaveLength(20_000);
    expect((await store.getMany<string>([large]))[0]?.v).toHaveLength(20_000);
    expect(await commands.counts()).toEqual({ mget: 2 });
  });

  it('keeps answering what it holds while Redis is down, and misses the rest without waiting', async () => {
    const store = gatewayStore({ ttlMs: 60_000, maxBytes: 1_000_000 });
    await connected(store);
    const [held, other] = keys('outage', 2) as [string, string];
    await store.setMany([{ key: held, value: 'held', freshMs: 600_000 }]);
    await redis.kill();
    try {
      const [fromL1, missing] = await store.getMany<string>([held, other]);
      expect(fromL1?.v).toBe('held');
      expect(missing).toBeUndefined();
    } finally {
      await redis.start();
    }
  });
});

describe('a gateway on Redis', () => {
  it('reads a warm nested page with as many Redis commands for 30 neurons as for 5', async () => {
    const gateway = await startGateway(replica.url, {
      CACHE_STORE: redis.url,
      CACHE_L1_TTL_MS: '0',
      RESPONSE_CACHE: 'off',
    });
    await redisUp(gateway.url);
    const perPage = async (size: number) => {
      await gateway.execute(NestedSearchDocument, { q: 'species:rat', size });
      await commands.reset();
      replica.clearLog();
      const warm = await gateway.execute(NestedSearchDocument, { q: 'species:rat', size });
      expect(warm.data?.search.items).toHaveLength(size);
      expect(replica.count({ pathPrefix: '/api' })).toBe(0);
      return commands.counts();
    };
    const five = await perPage(5);
    const thirty = await perPage(30);
    expect(thirty).toEqual(five);
    expect(five.mget).toBeGreaterThanOrEqual(1);
  });

  it('with the L1 (the default), a repeated warm page sends no Redis command', async () => {
    const gateway = await startGateway(
      replica.url,
      { CACHE_STORE: redis.url, RESPONSE_CACHE: 'off' },
      { now: clock },
    );
    await redisUp(gateway.url);
    await gateway.execute(NestedSearchDocument, { q: 'species:mouse', size: 20 });
    await commands.reset();
    replica.clearLog();
    const warm = await gateway.execute(NestedSearchDocument, { q: 'species:mouse', size: 20 });
    expect(warm.data?.search.items).toHaveLength(20);
    expect(replica.count({ pathPrefix: '/api' })).toBe(0);
    expect(await commands.counts()).toEqual({});
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { cacheKeys, KEY_VERSION } from '../../../src/cache/keys.js';
import { createKeyvHandle, type KeyvHandle } from '../../../src/cache/keyv-factory.js';
import { createResponseStore, type ResponseStore } from '../../../src/cache/response-store.js';
import { startRedis } from '../../support/redis.js';

const redis = await startRedis();
const errors: unknown[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function storeFor(
  spec: string,
  staleMs = 60_000,
  now: () => number = Date.now,
): { store: ResponseStore; handle: KeyvHandle } {
  const handle = createKeyvHandle({ store: spec, maxEntries: 100, onError: (error) => errors.push(error) });
  const store = createResponseStore({
    handle,
    staleMs,
    operationTimeoutMs: 1000,
    onError: (error) => errors.push(error),
    now,
  });
  afterAll(() => store.close());
  return { store, handle };
}

// One contract for every interchangeable store: the gateway must not care which one it runs on.
describe.each([['memory'], ['redis']])('response store contract: %s', (kind) => {
  const spec = kind === 'redis' ? redis.url : 'memory';
  const { store, handle } = storeFor(spec);
  const unique = (name: string) => `${cacheKeys.neuron(1)}:${kind}:${name}:${Math.random()}`;

  it('returns what was set, wrapped with its freshness', async () => {
    const key = unique('roundtrip');
    const before = Date.now();
    await store.setMany([{ key, value: { neuron_id: 1, surface: '8842.91', list: ['a'] }, freshMs: 60_000 }]);
    const [entry] = await store.getMany<Record<string, unknown>>([key]);
    expect(entry?.v).toEqual({ neuron_id: 1, surface: '8842.91', list: ['a'] });
    expect(entry?.t).toBeGreaterThanOrEqual(before);
    expect(entry?.f).toBe((entry?.t ?? 0) + 60_000);
  });

  it('remembers null (a cached "not found") apart from a missing key', async () => {
    const key = unique('null');
    await store.setMany([{ key, value: null, freshMs: 60_000 }]);
    const [remembered, missing] = await store.getMany([key, unique('never-set')]);
    expect(remembered?.v).toBeNull();
    expect(missing).toBeUndefined();
  });

  it('answers many keys in order', async () => {
    const keys = [unique('a'), unique('b'), unique('c')];
    await store.setMany(keys.map((key, i) => ({ key, value: i, freshMs: 60_000 })));
    const entries = await store.getMany<number>([keys[2] as string, 'nm:v1:absent', keys[0] as string]);
    expect(entries.map((entry) => entry?.v)).toEqual([2, undefined, 0]);
  });

  it('keeps an expired entry for the stale window, then drops it', async () => {
    let now = 1_000_000;
    const { store: shortLived, handle: backing } = storeFor(spec, 150, () => now);
    const key = unique('expiry');
    const before = Date.now();
    await shortLived.setMany([{ key, value: 'x', freshMs: 1 }]);
    const after = Date.now();
    now += 20;
    const [stale] = await shortLived.getMany<string>([key]);
    expect(stale?.v).toBe('x');
    expect(stale?.f).toBeLessThan(now);
    now += 400;
    expect(await shortLived.getMany([key])).toEqual([undefined]);
    // The backing store (keyv in memory, Redis) is told to drop it once fresh + stale time is over.
    const expires = (await backing.keyv?.getRaw(key))?.expires;
    expect(expires).toBeGreaterThanOrEqual(before + 151);
    expect(expires).toBeLessThanOrEqual(after + 151);
  });

  it('treats a corrupt entry as missing and removes it', async () => {
    const key = unique('corrupt');
    await handle.keyv?.set(key, 'not an envelope');
    const before = errors.length;
    expect(await store.getMany([key])).toEqual([undefined]);
    expect(errors.length).toBeGreaterThan(before);
    await sleep(50);
    expect(await handle.keyv?.get(key)).toBeUndefined();
  });

  it('versions its keys', () => {
    // v2: Redis entries keep the form of numbers (6.0), see src/cache/keys.ts.
    expect(KEY_VERSION).toBe('v2');
    expect(cacheKeys.neuron(7)).toBe('nm:v2:neuron:7');
    expect(cacheKeys.measurement(7)).toBe('nm:v2:measurement:7');
    expect(cacheKeys.search({ q: 'a' })).not.toBe(cacheKeys.search({ q: 'b' }));
    expect(cacheKeys.search({ q: 'a' })).toMatch(/^nm:v2:search:[A-Za-z0-9_-]+$/);
  });

  it('pings', async () => {
    expect(await store.ping()).toBe(true);
  });
});

describe('the memory store is bounded', () => {
  it('forgets the least recently used entries past CACHE_MAX_ENTRIES', async () => {
    const { store } = storeFor('memory');
    const keys = Array.from({ length: 150 }, (_, i) => `nm:v1:bounded:${i}`);
    await store.setMany(keys.map((key) => ({ key, value: 1, freshMs: 60_000 })));
    const entries = await store.getMany(keys);
    expect(entries.filter((entry) => entry !== undefined)).toHaveLength(100);
    expect(entries[0]).toBeUndefined();
    expect(entries[149]).toBeDefined();
  });
});

describe('a Redis outage never breaks the store', () => {
  it('answers misses while Redis is down and works again once it is back', async () => {
    const { store } = storeFor(redis.url);
    await store.setMany([{ key: 'nm:v1:outage', value: 1, freshMs: 60_000 }]);
    await redis.kill();
    // What its L1 holds it still answers (for at most CACHE_L1_TTL_MS); everything else is a miss.
    expect(await store.getMany(['nm:v1:outage-never-written'])).toEqual([undefined]);
    await store.setMany([{ key: 'nm:v1:outage-2', value: 2, freshMs: 60_000 }]);
    expect(await store.ping()).toBe(false);
    await redis.start();
    for (let i = 0; i < 100 && !(await store.ping()); i++) await sleep(50);
    await store.setMany([{ key: 'nm:v1:outage-3', value: 3, freshMs: 60_000 }]);
    const [entry] = await store.getMany<number>(['nm:v1:outage-3']);
    expect(entry?.v).toBe(3);
  });

  it('a store created while Redis is down starts working once Redis is up', async () => {
    await redis.kill();
    const { store } = storeFor(redis.url);
    expect(await store.getMany(['nm:v1:late'])).toEqual([undefined]);
    await redis.start();
    for (let i = 0; i < 100 && !(await store.ping()); i++) await sleep(50);
    await store.setMany([{ key: 'nm:v1:late', value: 'ok', freshMs: 60_000 }]);
    expect((await store.getMany<string>(['nm:v1:late']))[0]?.v).toBe('ok');
  });
});

import { describe, expect, it } from 'vitest';
import type { BatchResult, CachedAnswer, ResponseCache } from '../../../src/upstream/client-types.js';
import { UpstreamHttpError, UpstreamNotFoundError } from '../../../src/upstream/errors.js';
import { createReadThrough } from '../../../src/upstream/read-through.js';

/** A response cache in a Map, on a clock the test moves (the read-through judges freshness by it). */
function mapCache(clock: { now: number }): ResponseCache {
  const entries = new Map<string, CachedAnswer<unknown>>();
  return {
    async getMany<T>(keys: readonly string[]) {
      return keys.map((key) => entries.get(key) as CachedAnswer<T> | undefined);
    },
    async setMany(list) {
      for (const { key, value, freshMs } of list) entries.set(key, { v: value, f: clock.now + freshMs });
    },
    peek: <T>(key: string) => entries.get(key) as CachedAnswer<T> | undefined,
  };
}

/** A read-through over mapCache, on its own clock, with every event it tells (one per lookup). */
function readThroughOnMap() {
  const clock = { now: 1_000 };
  const events: string[] = [];
  const readThrough = createReadThrough({
    store: mapCache(clock),
    notFoundMs: 10,
    now: () => clock.now,
    onEvent: (event, count) => events.push(...Array<string>(count).fill(event)),
  });
  return { clock, events, readThrough };
}

const keyOf = (id: number) => `n:${id}`;
const URL_1 = 'http://upstream.test/api/neuron/select?q=neuron_id:1';

async function withExpiredEntry(failure: Error) {
  const { clock, events, readThrough } = readThroughOnMap();
  const found = (value: string): BatchResult<string> => ({
    found: new Map([[1, value]]),
    missing: [],
    failed: new Map(),
  });
  await readThrough.batch([1], keyOf, 100, async () => found('first copy'));
  clock.now += 1_000;
  const result = await readThrough.batch([1], keyOf, 100, async () => ({
    found: new Map(),
    missing: [],
    failed: new Map([[1, failure]]),
  }));
  return { result, events };
}

describe('read-through batch', () => {
  it('an expired copy answers an id NeuroMorpho failed to answer (a 503), told as stale', async () => {
    const { result, events } = await withExpiredEntry(new UpstreamHttpError(503, URL_1));
    expect(result.found.get(1)).toBe('first copy');
    expect(result.failed.size).toBe(0);
    expect(events).toContain('stale');
  });

  it('but never hides its "not found": the 404 is the answer', async () => {
    const notFound = new UpstreamNotFoundError(URL_1);
    const { result, events } = await withExpiredEntry(notFound);
    expect(result.found.has(1)).toBe(false);
    expect(result.failed.get(1)).toBe(notFound);
    expect(events).not.toContain('stale');
  });
});

describe('read-through peek', () => {
  it('answers a fresh entry without waiting, a remembered "not found" as null, and nothing else', async () => {
    const { clock, events, readThrough } = readThroughOnMap();
    expect(readThrough.peek(keyOf(1))).toBeUndefined();
    await readThrough.batch([1, 2], keyOf, 100, async () => ({
      found: new Map([[1, 'one']]),
      missing: [2],
      failed: new Map(),
    }));
    events.length = 0;
    expect(readThrough.peek(keyOf(1))?.v).toBe('one');
    expect(readThrough.peek(keyOf(2))?.v).toBeNull();
    expect(events).toEqual(['hit', 'hit']);
    // Past its freshness an entry is left to batch/value, which may still serve it when NeuroMorpho fails.
    clock.now += 100;
    expect(readThrough.peek(keyOf(1))).toBeUndefined();
    expect(events).toEqual(['hit', 'hit']);
  });
});

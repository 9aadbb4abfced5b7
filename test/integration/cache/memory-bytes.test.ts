import { describe, expect, it } from 'vitest';
import { createKeyvHandle, entrySize } from '../../../src/cache/keyv-factory.js';
import { createResponseStore } from '../../../src/cache/response-store.js';
import { loadConfig } from '../../../src/config.js';

function memoryStore(maxEntries: number, maxBytes: number) {
  return createResponseStore({
    handle: createKeyvHandle({ store: 'memory', maxEntries, maxBytes, onError: () => undefined }),
    staleMs: 60_000,
    operationTimeoutMs: 1000,
    onError: () => undefined,
  });
}

const record = (bytes: number) => ({ neuron_id: 1, note: 'x'.repeat(bytes) });

describe('the memory store is bounded by bytes as well as entries', () => {
  it('keeps entries adding up to CACHE_MAX_BYTES at most, least recently used going first', async () => {
    const store = memoryStore(10_000, 100_000);
    const keys = Array.from({ length: 50 }, (_, i) => `nm:v1:bytes:${i}`);
    for (const key of keys) await store.setMany([{ key, value: record(10_000), freshMs: 60_000 }]);
    const entries = await store.getMany<ReturnType<typeof record>>(keys);
    const kept = entries.filter((entry) => entry !== undefined);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.reduce((sum, entry) => sum + entrySize(entry), 0)).toBeLessThanOrEqual(100_000);
    expect(kept.length).toBeLessThanOrEqual(10);
    expect(entries[0]).toBeUndefined();
    expect(entries[49]?.v.note).toHaveLength(10_000);
  });

  it('does not keep one entry larger than the whole budget, and keeps the others', async () => {
    const store = memoryStore(10_000, 100_000);
    await store.setMany([{ key: 'nm:v1:bytes:small', value: record(100), freshMs: 60_000 }]);
    await store.setMany([{ key: 'nm:v1:bytes:huge', value: record(200_000), freshMs: 60_000 }]);
    const [small, huge] = await store.getMany(['nm:v1:bytes:small', 'nm:v1:bytes:huge']);
    expect(small).toBeDefined();
    expect(huge).toBeUndefined();
  });

  it('CACHE_MAX_ENTRIES still bounds many small entries', async () => {
    const store = memoryStore(20, 100_000_000);
    const keys = Array.from({ length: 30 }, (_, i) => `nm:v1:entries:${i}`);
    await store.setMany(keys.map((key) => ({ key, value: 1, freshMs: 60_000 })));
    expect((await store.getMany(keys)).filter((entry) => entry !== undefined)).toHaveLength(20);
  });

  it('CACHE_MAX_BYTES is read from the configuration, 256 MiB by default', () => {
    expect(loadConfig({ HOME: '/nonexistent' }).cacheMaxBytes).toBe(256 * 1024 * 1024);
    expect(loadConfig({ HOME: '/nonexistent', CACHE_MAX_BYTES: '1048576' }).cacheMaxBytes).toBe(1_048_576);
    expect(() => loadConfig({ HOME: '/nonexistent', CACHE_MAX_BYTES: '12' })).toThrow(/CACHE_MAX_BYTES/);
  });
});

import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKeyvHandle } from '../../../src/cache/keyv-factory.js';
import { createResponseStore } from '../../../src/cache/response-store.js';
import { DEFAULT_CACHE_TTLS } from '../../../src/cache/ttl.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';
import { createNeuroMorphoClient } from '../../../src/upstream/client.js';
import type { CacheEvent } from '../../../src/upstream/client-types.js';
import { createUpstreamDispatcher } from '../../../src/upstream/dispatcher.js';
import {
  UpstreamBadPayloadError,
  UpstreamHttpError,
  UpstreamNotFoundError,
  UpstreamTimeoutError,
} from '../../../src/upstream/errors.js';
import { createUpstreamHttp } from '../../../src/upstream/http.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 1500 });
const dispatcher = createUpstreamDispatcher({
  connectTimeoutMs: 2000,
  timeoutMs: 2000,
  keepAliveTimeoutMs: 1000,
  connectionsPerOrigin: 8,
});
/** Waits the client asked for, recorded instead of slept so tests never wait on backoff. */
let waits: number[] = [];
const http = createUpstreamHttp({
  dispatcher,
  retry: { attempts: 3, baseMs: 100, capMs: 30_000, jitter: false },
  timeoutMs: 300,
  userAgent: 'test',
  sleep: async (ms) => {
    waits.push(ms);
  },
});
const client = createNeuroMorphoClient({ site: createSiteUrls(replica.url), http });
const api = (path: string) => replica.count({ pathPrefix: path });

beforeAll(async () => {
  // The replica measures a neuron's file the first time its record is read (about 1 ms each): read them
  // all once, so batches of 500 answer within this client's 300 ms per-attempt deadline.
  for (let page = 0; page * 500 < replica.population.ids.length; page++) {
    await (await fetch(`${replica.url}/api/morphometry?size=500&page=${page}`)).arrayBuffer();
  }
});

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
  waits = [];
});

describe('NeuroMorpho client against the replica', () => {
  it('gets a neuron by id and by name, mapped and with the raw payload kept', async () => {
    const byId = await client.getNeuron(1);
    const byName = await client.getNeuronByName('cnic_001');
    expect(byId.name).toBe('cnic_001');
    expect(byId.minAge).toBe(24);
    expect(byId.raw.min_age).toBe('24.0');
    expect(byName.neuronId).toBe(1);
  });

  it('turns 404 into UpstreamNotFoundError without retrying', async () => {
    await expect(client.getNeuronByName('AA1544')).rejects.toBeInstanceOf(UpstreamNotFoundError);
    await expect(client.getNeuron(999_999_999)).rejects.toBeInstanceOf(UpstreamNotFoundError);
    expect(replica.log).toHaveLength(2);
  });

  it('searches one page with q and fq, reporting totals and the request URL', async () => {
    const page = await client.searchNeurons({ q: 'species:cat', size: 50, sort: 'neuron_id,asc' });
    expect(page.totalElements).toBe(151);
    expect(page.totalPages).toBe(4);
    expect(page.items).toHaveLength(50);
    expect(page.items[0]?.neuronId).toBe(604);
    expect(page.queryUrl).toContain('/api/neuron/select?q=species%3Acat');
    const filtered = await client.searchNeurons({
      q: 'species:cat,rat,monkey',
      fq: ['stain:lucifer yellow', 'brain_region:layer 3', 'strain:Macaque'],
      size: 50,
    });
    expect(filtered.items.map((n) => n.neuronId)).toEqual(Array.from({ length: 20 }, (_, i) => 37 + i));
  });

  it('uses the list endpoint when there is no query at all', async () => {
    const page = await client.searchNeurons({ size: 5 });
    expect(page.items).toHaveLength(5);
    expect(replica.log[0]?.path).toBe('/api/neuron');
  });

  it('rejects sizes outside 1..500 before any request', async () => {
    await expect(client.searchNeurons({ size: 0 })).rejects.toThrow(RangeError);
    await expect(client.searchNeurons({ size: 501 })).rejects.toThrow(RangeError);
    expect(replica.log).toHaveLength(0);
  });

  it('batches neurons by id: N ids cost ceil(N/500) select requests, missing ids reported', async () => {
    const ids = replica.population.ids.slice(0, 1200);
    const result = await client.getNeurons([...ids, 123_456_789]);
    expect(result.found.size).toBe(1200);
    expect(result.missing).toEqual([123_456_789]);
    expect(api('/api/neuron/select')).toBe(Math.ceil(1201 / 500));
    expect(replica.log).toHaveLength(3);
  });

  it('batches measurements through morphometry/select', async () => {
    const ids = replica.population.ids.slice(0, 600);
    const result = await client.getMeasurements(ids);
    expect(result.found.size).toBe(600);
    expect(result.failed.size).toBe(0);
    expect(api('/api/morphometry/select')).toBe(2);
    expect(replica.log).toHaveLength(2);
    expect(result.found.get(1)?.nStems).toBe(6);
  });

  it('falls back to per-id requests when the batch endpoint is broken', async () => {
    replica.faults.add({ route: '/api/morphometry/select', status: 400 });
    const ids = [1, 37, 38];
    const result = await client.getMeasurements(ids);
    expect([...result.found.keys()].sort((a, b) => a - b)).toEqual(ids);
    expect(api('/api/morphometry/select')).toBe(1);
    expect(api('/api/morphometry/id/')).toBe(3);
  });

  it('gets one measurement, with neuron_id filled in', async () => {
    const measurement = await client.getMeasurement(1);
    expect(measurement).toMatchObject({ neuronId: 1, fragmentation: 1274, euclideanDistance: 224.624 });
  });

  it('lists field names, values and counts', async () => {
    expect(await client.getFieldNames()).toContain('Physical_Integrity');
    const values = await client.getFieldValues('species');
    expect(values[0]).toBe('mouse');
    expect(values).toHaveLength(94);
    const counts = await client.getFieldCounts('species');
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(258_250);
    expect(counts[0]?.count).toBeGreaterThanOrEqual(counts[1]?.count ?? 0);
  });
});

describe('retries', () => {
  it('retries 503 and then succeeds', async () => {
    replica.faults.add({ route: '/api/neuron/id/1', status: 503, times: 2 });
    expect((await client.getNeuron(1)).neuronId).toBe(1);
    expect(api('/api/neuron/id/1')).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it('honours Retry-After on 429', async () => {
    replica.faults.add({ route: '/api/neuron/id/1', status: 429, retryAfter: '2', times: 1 });
    expect((await client.getNeuron(1)).neuronId).toBe(1);
    expect(waits).toEqual([2000]);
  });

  it('retries connection resets', async () => {
    replica.faults.add({ route: '/api/neuron/id/1', reset: true, times: 2 });
    expect((await client.getNeuron(1)).neuronId).toBe(1);
    expect(waits).toHaveLength(2);
  });

  it('retries a truncated body', async () => {
    replica.faults.add({ route: '/api/neuron/id/1', truncate: true, times: 1 });
    expect((await client.getNeuron(1)).neuronId).toBe(1);
    expect(waits).toHaveLength(1);
  });

  it('retries timeouts and reports UpstreamTimeoutError when they persist', async () => {
    replica.faults.add({ route: '/api/neuron/id/1', latencyMs: 1000, times: 1 });
    expect((await client.getNeuron(1)).neuronId).toBe(1);
    replica.faults.add({ route: '/api/neuron/id/37', latencyMs: 1000 });
    const error = await client.getNeuron(37).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect((error as UpstreamTimeoutError).code).toBe('UPSTREAM_TIMEOUT');
  });

  it('does not retry 400', async () => {
    replica.faults.add({ route: '/api/neuron/id/1', status: 400 });
    const error = await client.getNeuron(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamHttpError);
    expect((error as UpstreamHttpError).status).toBe(400);
    expect(api('/api/neuron/id/1')).toBe(1);
  });

  it('reports the last status once attempts are exhausted', async () => {
    replica.faults.add({ route: '/api/neuron/id/1', status: 502 });
    const error = await client.getNeuron(1).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'UPSTREAM_HTTP_ERROR' });
    expect((error as UpstreamHttpError).url).toBe(`${replica.url}/api/neuron/id/1`);
    expect(api('/api/neuron/id/1')).toBe(3);
  });

  it('reports status 0 when no response ever came', async () => {
    replica.faults.add({ route: '/api/neuron/id/1', reset: true });
    await expect(client.getNeuron(1)).rejects.toMatchObject({ status: 0, code: 'UPSTREAM_HTTP_ERROR' });
  });

  it('turns an empty 200 body into an error naming the URL', async () => {
    replica.faults.add({ route: '/api/neuron/id/1', emptyBody: true });
    const error = await client.getNeuron(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamBadPayloadError);
    expect((error as Error).message).toContain(`${replica.url}/api/neuron/id/1`);
  });
});

describe('reading through the response cache', () => {
  /** A client on its own memory store, with a clock the test moves instead of sleeping. */
  function cachedClient() {
    const clock = { now: 1_000_000 };
    const events: CacheEvent[] = [];
    const now = () => clock.now;
    const store = createResponseStore({
      handle: createKeyvHandle({ store: 'memory', maxEntries: 10_000, onError: () => undefined }),
      staleMs: DEFAULT_CACHE_TTLS.staleMs,
      operationTimeoutMs: 1000,
      onError: () => undefined,
      now,
    });
    const cached = createNeuroMorphoClient({
      site: createSiteUrls(replica.url),
      http,
      cache: {
        store,
        ttls: DEFAULT_CACHE_TTLS,
        now,
        onEvent: (event, count) => events.push(...Array<CacheEvent>(count).fill(event)),
      },
    });
    return { client: cached, clock, events };
  }

  it('records of a search page answer lookups by id, one or many, without a request', async () => {
    const { client: cached } = cachedClient();
    const page = await cached.searchNeurons({ q: 'species:cat', size: 50 });
    const ids = page.items.map((neuron) => neuron.neuronId);
    replica.clearLog();
    expect((await cached.getNeuron(ids[7] as number)).neuronId).toBe(ids[7]);
    expect([...(await cached.getNeurons(ids)).found.keys()]).toEqual(ids);
    expect((await cached.searchNeurons({ q: 'species:cat', size: 50 })).items).toEqual(page.items);
    expect(replica.log).toHaveLength(0);
  });

  it('a batch is stored per id, missing ids as not found, and each payload is mapped once', async () => {
    const { client: cached, events } = cachedClient();
    const first = await cached.getMeasurements([1, 37, 123_456_789]);
    expect(first.missing).toEqual([123_456_789]);
    replica.clearLog();
    const again = await cached.getMeasurements([37, 123_456_789]);
    expect(again.missing).toEqual([123_456_789]);
    // The memory store hands back what it holds: the same record, not a copy mapped again.
    expect(again.found.get(37)).toBe(first.found.get(37));
    expect(await cached.getMeasurement(1)).toBe(first.found.get(1));
    await expect(cached.getMeasurement(123_456_789)).rejects.toBeInstanceOf(UpstreamNotFoundError);
    expect(replica.log).toHaveLength(0);
    expect(events).toEqual(['miss', 'miss', 'miss', 'hit', 'hit', 'hit', 'hit']);
  });

  it('an entry is fresh until the clock passes its time to live, then asked for again', async () => {
    const { client: cached, clock } = cachedClient();
    await cached.getFieldValues('species');
    clock.now += DEFAULT_CACHE_TTLS.fieldsMs - 1;
    await cached.getFieldValues('species');
    expect(api('/api/neuron/fields/species')).toBe(1);
    clock.now += 1;
    await cached.getFieldValues('species');
    expect(api('/api/neuron/fields/species')).toBe(2);
  });

  it('a remembered "not found" lasts its own, shorter time', async () => {
    const { client: cached, clock } = cachedClient();
    await expect(cached.getNeuronByName('AA1544')).rejects.toBeInstanceOf(UpstreamNotFoundError);
    clock.now += DEFAULT_CACHE_TTLS.notFoundMs - 1;
    await expect(cached.getNeuronByName('AA1544')).rejects.toBeInstanceOf(UpstreamNotFoundError);
    expect(replica.log).toHaveLength(1);
    clock.now += 1;
    await expect(cached.getNeuronByName('AA1544')).rejects.toBeInstanceOf(UpstreamNotFoundError);
    expect(replica.log).toHaveLength(2);
  });

  it('an expired entry answers when NeuroMorpho fails, and the call is told it is stale', async () => {
    const { client: cached, clock, events } = cachedClient();
    const fresh = await cached.getNeurons([1, 37]);
    const name = (await cached.getNeuron(38)).name;
    clock.now += DEFAULT_CACHE_TTLS.recordMs;
    replica.faults.add({ route: '/api', status: 503 });
    let staleCalls = 0;
    const onStale = () => staleCalls++;
    const batch = await cached.getNeurons([1, 37], { onStale });
    expect([...batch.found.keys()]).toEqual([1, 37]);
    expect(batch.found.get(1)?.name).toBe(fresh.found.get(1)?.name);
    expect((await cached.getNeuron(38, { onStale })).name).toBe(name);
    expect(staleCalls).toBe(3);
    expect(events.filter((event) => event === 'stale')).toHaveLength(3);
  });

  it('an older copy never hides a "not found"', async () => {
    const { client: cached, clock } = cachedClient();
    await cached.getNeuron(1);
    clock.now += DEFAULT_CACHE_TTLS.recordMs;
    replica.faults.add({ route: '/api/neuron/id/1', status: 404 });
    await expect(cached.getNeuron(1, { onStale: () => expect.fail('not stale') })).rejects.toBeInstanceOf(
      UpstreamNotFoundError,
    );
  });

  it('past the stale window nothing is served', async () => {
    const { client: cached, clock } = cachedClient();
    await cached.getNeuron(1);
    clock.now += DEFAULT_CACHE_TTLS.recordMs + DEFAULT_CACHE_TTLS.staleMs;
    replica.faults.add({ route: '/api', status: 503 });
    await expect(cached.getNeuron(1)).rejects.toMatchObject({ status: 503 });
  });
});

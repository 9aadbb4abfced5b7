import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createKeyvHandle } from '../../../src/cache/keyv-factory.js';
import { createResponseStore } from '../../../src/cache/response-store.js';
import { DEFAULT_CACHE_TTLS } from '../../../src/cache/ttl.js';
import { createMorphologyPool } from '../../../src/morphology-pool/pool.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';
import type { NeuronRecord } from '../../../src/neuromorpho/types.js';
import { createNeuroMorphoClient } from '../../../src/upstream/client.js';
import type { Morphology, NeuroMorphoClient, ResponseCache } from '../../../src/upstream/client-types.js';
import { createUpstreamDispatcher } from '../../../src/upstream/dispatcher.js';
import { createUpstreamHttp } from '../../../src/upstream/http.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 300 });
const fileRequests = () => replica.count({ pathPrefix: '/dableFiles' });
const dispatcher = createUpstreamDispatcher({
  connectTimeoutMs: 2000,
  timeoutMs: 5000,
  keepAliveTimeoutMs: 1000,
  connectionsPerOrigin: 8,
});
const http = createUpstreamHttp({
  dispatcher,
  retry: { attempts: 1, baseMs: 10, capMs: 10, jitter: false },
  timeoutMs: 5000,
  userAgent: 'test',
});
const pool = createMorphologyPool({ threads: 1 });
const site = createSiteUrls(replica.url);

/** One clock for the store and the clients, moved by the tests instead of sleeping. */
let clockMs = Date.now();
const now = () => clockMs;
const store = createResponseStore({
  handle: createKeyvHandle({ store: 'memory', maxEntries: 10_000, onError: () => undefined }),
  staleMs: DEFAULT_CACHE_TTLS.staleMs,
  operationTimeoutMs: 5000,
  onError: () => undefined,
  now,
});
/** Every read of the store: the keys of each getMany. */
const reads: string[][] = [];
const countedStore: ResponseCache = {
  getMany(keys) {
    reads.push([...keys]);
    return store.getMany(keys);
  },
  setMany: (entries) => store.setMany(entries),
  // Answers from what the process holds, without a read: morphologies never take this way.
  peek: (key) => store.peek(key),
};
const morphologyReads = () => reads.filter((keys) => keys.some((key) => key.includes(':morphology:')));

/** A client as the gateway builds one: each is a process of its own, sharing the store. */
function startClient(): NeuroMorphoClient {
  return createNeuroMorphoClient({
    site,
    http,
    cache: { store: countedStore, ttls: DEFAULT_CACHE_TTLS, now },
    morphology: {
      maxBytes: 50_000_000,
      maxNodes: 1_000_000,
      fileAttempts: 1,
      readLocal: async () => ({ kind: 'absent' }),
      pool: () => pool,
    },
  });
}

const primer = startClient();
const page: NeuronRecord[] = (await primer.searchNeurons({ size: 50 })).items;
const primed: Morphology[] = [];
for (const neuron of page) primed.push((await primer.getMorphology(neuron)) as Morphology);

afterAll(async () => {
  await pool.close();
  await dispatcher.close();
});

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
  reads.length = 0;
});

describe('morphology reads of a page', () => {
  it('a page of 50 stored morphologies makes one store read of 50 keys and no file request', async () => {
    const fresh = startClient();
    const answers = await Promise.all(page.map((neuron) => fresh.getMorphology(neuron)));
    expect(morphologyReads()).toHaveLength(1);
    expect(morphologyReads()[0]).toHaveLength(50);
    expect(fileRequests()).toBe(0);
    // The memory store hands back the very analyses it holds.
    answers.forEach((answer, index) => {
      expect(answer?.analysis).toBe(primed[index]?.analysis);
    });
  });

  it('a page read once is answered by the process: the same objects, without a store read', async () => {
    const fresh = startClient();
    expect(page.map((neuron) => fresh.peekMorphology(neuron))).toEqual(page.map(() => undefined));
    const first = await Promise.all(page.map((neuron) => fresh.getMorphology(neuron)));
    reads.length = 0;
    const peeked = page.map((neuron) => fresh.peekMorphology(neuron));
    const again = await Promise.all(page.map((neuron) => fresh.getMorphology(neuron)));
    expect(morphologyReads()).toHaveLength(0);
    peeked.forEach((answer, index) => {
      expect(answer).toBe(first[index]);
      expect(again[index]).toBe(first[index]);
    });
  });

  it('a neuron without an archive is null at once, without a read', () => {
    const first = page[0] as NeuronRecord;
    expect(startClient().peekMorphology({ ...first, archive: '' })).toBeNull();
    expect(morphologyReads()).toHaveLength(0);
  });
});

describe('what the process keeps', () => {
  it('a file NeuroMorpho lacks is not kept, and its remembered 404 answers from one store read', async () => {
    const client = startClient();
    const neuron = page[1] as NeuronRecord;
    const renamed = { ...neuron, name: `${neuron.name}-renamed` };
    await expect(client.getMorphology(renamed)).rejects.toMatchObject({ code: 'UPSTREAM_NOT_FOUND' });
    expect(fileRequests()).toBe(1);
    reads.length = 0;
    await expect(client.getMorphology(renamed)).rejects.toMatchObject({ code: 'UPSTREAM_NOT_FOUND' });
    expect(fileRequests()).toBe(1);
    expect(morphologyReads()).toHaveLength(1);
    expect(client.peekMorphology(renamed)).toBeUndefined();
  });

  it('an analysis past its freshness is read through again, and an expired copy served on failure is not kept', async () => {
    const client = startClient();
    const neuron = page[0] as NeuronRecord;
    const kept = await client.getMorphology(neuron);
    expect(client.peekMorphology(neuron)).toBe(kept);

    clockMs += DEFAULT_CACHE_TTLS.recordMs + 1000;
    expect(client.peekMorphology(neuron)).toBeUndefined();
    replica.faults.add({ route: '/dableFiles', status: 503 });
    let stale = 0;
    const served = await client.getMorphology(neuron, { onStale: () => stale++ });
    expect(served?.analysis).toBe(kept?.analysis);
    expect(stale).toBe(1);
    expect(fileRequests()).toBe(1);
    expect(client.peekMorphology(neuron)).toBeUndefined();

    replica.faults.clear();
    const reloaded = await client.getMorphology(neuron);
    expect(fileRequests()).toBe(2);
    expect(reloaded?.analysis.summary).toEqual(kept?.analysis.summary);
    expect(client.peekMorphology(neuron)).toBeUndefined();
    const read = await client.getMorphology(neuron);
    expect(read?.analysis).toBe(reloaded?.analysis);
    expect(client.peekMorphology(neuron)).toBe(read);
    expect(fileRequests()).toBe(2);
  });
});

describe('with CACHE_STORE=off', () => {
  it('nothing is kept: every call parses the file again', async () => {
    const off = createNeuroMorphoClient({
      site,
      http,
      morphology: {
        maxBytes: 50_000_000,
        maxNodes: 1_000_000,
        fileAttempts: 1,
        readLocal: async () => ({ kind: 'absent' }),
        pool: () => pool,
      },
    });
    const neuron = page[2] as NeuronRecord;
    await off.getMorphology(neuron);
    await off.getMorphology(neuron);
    expect(off.peekMorphology(neuron)).toBeUndefined();
    expect(fileRequests()).toBe(2);
  });
});

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDiskCache, type DiskCache } from '../../../src/disk/disk-cache.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';
import type { NeuronRecord } from '../../../src/neuromorpho/types.js';
import { createNeuroMorphoClient } from '../../../src/upstream/client.js';
import { createUpstreamDispatcher } from '../../../src/upstream/dispatcher.js';
import { createUpstreamHttp } from '../../../src/upstream/http.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 20 });
const site = createSiteUrls(replica.url);
const http = createUpstreamHttp({
  dispatcher: createUpstreamDispatcher({
    connectTimeoutMs: 5000,
    timeoutMs: 10_000,
    keepAliveTimeoutMs: 1000,
    connectionsPerOrigin: 2,
  }),
  retry: { attempts: 2, baseMs: 10, capMs: 100, jitter: false },
  timeoutMs: 10_000,
  userAgent: 'test',
});
const client = createNeuroMorphoClient({ site, http });

function diskCache(root: string): DiskCache {
  return createDiskCache({
    root,
    site,
    http,
    fileAttempts: 1,
    concurrency: 2,
    fileLimits: { maxBytes: 10 * 1024 * 1024, timeoutMs: 10_000, upstreamConcurrency: 2 },
  });
}

const download = (cache: DiskCache, neuron: NeuronRecord, dryRun = false) =>
  cache.download({ neuron, mode: 'standard', overwrite: false, dryRun, loadMeasurement: async () => null });

/** Subscribes and records every id told, with whether the folder's metadata.json was there by then. */
function record(cache: DiskCache) {
  const told: number[] = [];
  const unsubscribe = cache.onNeuronChanged((id) => told.push(id));
  return { told, unsubscribe };
}

describe('DiskCache.onNeuronChanged', () => {
  it('tells each committed download once, after it is on disk, and never a dry run', async () => {
    const cache = diskCache(await tempDir());
    const [one, two] = await Promise.all([client.getNeuron(1), client.getNeuron(37)]);
    const seenOnDisk: boolean[] = [];
    const { told } = record(cache);
    cache.onNeuronChanged((id) => {
      // Listeners run once the commit is on disk: the cache already answers for the folder.
      void cache
        .statuses([id === 1 ? one : two])
        .then(([status]) => seenOnDisk.push(status?.metadataExists ?? false));
    });

    await download(cache, one, true);
    expect(told).toEqual([]);
    // Two callers sharing one piece of work: one change.
    await Promise.all([download(cache, one), download(cache, one), download(cache, two)]);
    expect(told.sort((a, b) => a - b)).toEqual([1, 37]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seenOnDisk).toEqual([true, true]);
  });

  it('tells a removal that found a folder, every folder a clear removed, and stops after unsubscribe', async () => {
    const root = await tempDir();
    for (const id of [3, 5, 9]) {
      await mkdir(join(root, String(id)));
      await writeFile(join(root, String(id), 'metadata.json'), '{}');
    }
    await mkdir(join(root, '007'));
    const cache = diskCache(root);
    const { told, unsubscribe } = record(cache);

    expect(await cache.remove(5)).toBe(true);
    expect(await cache.remove(5)).toBe(false);
    expect(told).toEqual([5]);
    expect(await cache.clear()).toBe(2);
    expect(told.slice(1).sort((a, b) => a - b)).toEqual([3, 9]);

    unsubscribe();
    await mkdir(join(root, '11'));
    expect(await cache.remove(11)).toBe(true);
    expect(told).toHaveLength(3);
  });

  it('a listener that throws neither fails the write nor keeps the others from hearing of it', async () => {
    const root = await tempDir();
    await mkdir(join(root, '4'));
    const cache = diskCache(root);
    cache.onNeuronChanged(() => {
      throw new Error('listener bug');
    });
    const { told } = record(cache);
    expect(await cache.remove(4)).toBe(true);
    expect(told).toEqual([4]);
  });

  it('a failed download is told too, since its rollback may have touched the folder', async () => {
    const cache = diskCache(await tempDir());
    const neuron = await client.getNeuron(38);
    const { told } = record(cache);
    const broken: NeuronRecord = { ...neuron, archive: '../../nowhere', name: 'missing-neuron' };
    await expect(download(cache, broken)).rejects.toThrow();
    expect(told).toEqual([38]);
  });
});

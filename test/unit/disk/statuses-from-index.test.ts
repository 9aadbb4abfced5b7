import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStatusReader, readCacheStatuses } from '../../../src/disk/cache-status.js';
import { createDiskCache, type DiskCache } from '../../../src/disk/disk-cache.js';
import { toNeuron } from '../../../src/neuromorpho/neuron.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';
import type { UpstreamHttp } from '../../../src/upstream/http.js';
import { tempDir } from '../../support/temp-dir.js';

const site = createSiteUrls('https://neuromorpho.org');
const noNetwork: UpstreamHttp = {
  getJson: () => Promise.reject(new Error('no network in these tests')),
  openStream: () => Promise.reject(new Error('no network in these tests')),
};
const neuron = (id: number) =>
  toNeuron({
    neuron_id: id,
    neuron_name: `cell_${id}`,
    archive: 'Smith',
    original_format: 'Neurolucida.asc',
  });

function diskCache(root: string | null, folderIndexTtlMs: number): DiskCache {
  return createDiskCache({
    root,
    site,
    http: noNetwork,
    fileAttempts: 1,
    concurrency: 1,
    fileLimits: { maxBytes: 1024, timeoutMs: 1000, upstreamConcurrency: 2 },
    folderIndexTtlMs,
  });
}

/** A folder the reference client would leave: its partial metadata.json and the standard file. */
async function referenceFolder(root: string, id: number): Promise<void> {
  await mkdir(join(root, String(id)));
  await writeFile(join(root, String(id), 'metadata.json'), '{}');
  await writeFile(join(root, String(id), `cell_${id}.CNG.swc`), '1 1 0 0 0 1 -1\n');
}

describe('cache statuses from the remembered listing', () => {
  it('answer exactly as a fresh listing does, record after record, request after request', async () => {
    const root = await tempDir();
    await referenceFolder(root, 2);
    await mkdir(join(root, '3'));
    const neurons = [neuron(1), neuron(2), neuron(3)];
    const reader = createStatusReader(root, site);
    const read = reader.read;
    const folders = new Set(['2', '3']);
    const fresh = await readCacheStatuses(root, neurons, site);
    expect(await read(folders, neurons)).toEqual(fresh);
    // Second request with the same record objects: the kept answers, unchanged.
    expect(await read(folders, neurons)).toEqual(fresh);
    expect(fresh.map((status) => [status.exists, status.standardExists, status.incomplete])).toEqual([
      [false, false, false],
      [true, true, false],
      [true, false, true],
    ]);
    // A remembered folder another process removed reads as no folder, as a fresh listing says.
    await rm(join(root, '2'), { recursive: true });
    expect(await read(folders, neurons)).toEqual(await readCacheStatuses(root, neurons, site));
  });

  it("show this process's removals at once and another process's folders within the TTL", async () => {
    const root = await tempDir();
    await referenceFolder(root, 5);
    const cache = diskCache(root, 300);
    const five = neuron(5);
    const six = neuron(6);
    try {
      expect((await cache.statuses([five, six])).map((status) => status.exists)).toEqual([true, false]);
      expect(await cache.remove(5)).toBe(true);
      expect((await cache.statuses([five]))[0]?.exists).toBe(false);
      // Written behind the cache's back: seen by the watch, and by the TTL at the latest.
      await referenceFolder(root, 6);
      const deadline = Date.now() + 5000;
      let seen = false;
      while (!seen && Date.now() < deadline) {
        seen = (await cache.statuses([six]))[0]?.exists === true;
        if (!seen) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(seen).toBe(true);
    } finally {
      await cache.close();
    }
  });

  it('peeked without waiting only where nothing needs reading, and the same answer as statuses', async () => {
    const root = await tempDir();
    await referenceFolder(root, 7);
    const cache = diskCache(root, 60_000);
    const seven = neuron(7);
    const eight = neuron(8);
    try {
      // Before any listing there is nothing to answer from.
      expect(cache.peekStatus(eight)).toBeUndefined();
      const [sevenStatus, eightStatus] = await cache.statuses([seven, eight]);
      // A folder on disk is read (its files may change); an unlisted neuron is answered from the listing.
      expect(cache.peekStatus(seven)).toBeUndefined();
      expect(cache.peekStatus(eight)).toEqual(eightStatus);
      expect(sevenStatus?.exists).toBe(true);
      // A removal by this process forgets the listing: the next answer reads again.
      expect(await cache.remove(7)).toBe(true);
      expect(cache.peekStatus(eight)).toBeUndefined();
      expect((await cache.statuses([seven]))[0]?.exists).toBe(false);
      expect(cache.peekStatus(seven)?.exists).toBe(false);
    } finally {
      await cache.close();
    }
    const disabled = diskCache(null, 60_000);
    expect(disabled.peekStatus(seven)).toEqual((await disabled.statuses([seven]))[0]);
    await disabled.close();
  });
});

import { mkdir, readdir, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDiskCache, type DiskCache, MAX_CACHED_NEURONS_PAGE } from '../../../src/disk/disk-cache.js';
import { toNeuron } from '../../../src/neuromorpho/neuron.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';
import type { UpstreamHttp } from '../../../src/upstream/http.js';
import { tempDir } from '../../support/temp-dir.js';

const site = createSiteUrls('https://neuromorpho.org');
// Listing and housekeeping never reach the network; downloads have their own integration tests.
const noNetwork: UpstreamHttp = {
  getJson: () => Promise.reject(new Error('no network in these tests')),
  openStream: () => Promise.reject(new Error('no network in these tests')),
};
const LONG_AGO = new Date('2001-01-01T00:00:00Z');

function diskCache(root: string | null, onTempFilesRemoved?: (removed: number) => void): DiskCache {
  return createDiskCache({
    root,
    site,
    http: noNetwork,
    fileAttempts: 1,
    concurrency: 1,
    fileLimits: { maxBytes: 1024, timeoutMs: 1000, upstreamConcurrency: 2 },
    ...(onTempFilesRemoved ? { onTempFilesRemoved } : {}),
  });
}

/** Neuron folders holding the reference client's partial metadata.json (`{}`), in shuffled order. */
async function cacheWithFolders(ids: readonly number[]): Promise<string> {
  const root = await tempDir();
  for (const id of [...ids].sort(() => Math.random() - 0.5)) {
    await mkdir(join(root, String(id)));
    await writeFile(join(root, String(id), 'metadata.json'), '{}');
  }
  return root;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

afterEach(() => {
  vi.useRealTimers();
});

describe('DiskCache listing', () => {
  it('pages through the neuron folders by id, first at a time, and only through them', async () => {
    const root = await cacheWithFolders([...range(1, 30), 604]);
    await mkdir(join(root, '007'));
    await writeFile(join(root, '123'), 'a plain file named like a neuron');
    await symlink(join(root, '604'), join(root, '605'));
    const cache = diskCache(root);

    const ids = async (first: number, afterId: number | null) =>
      (await cache.list({ first, afterId })).map((status) => status.neuronId);
    expect(await ids(5, null)).toEqual([1, 2, 3, 4, 5]);
    expect(await ids(5, 5)).toEqual([6, 7, 8, 9, 10]);
    // Far more folders than twice the page are streamed past, and the smallest kept.
    expect(await ids(3, 12)).toEqual([13, 14, 15]);
    expect(await ids(5, 28)).toEqual([29, 30, 604]);
    expect(await ids(5, 604)).toEqual([]);
    expect(await ids(MAX_CACHED_NEURONS_PAGE, null)).toEqual([...range(1, 30), 604]);
    expect((await cache.list({ first: 1, afterId: 603 }))[0]).toMatchObject({
      neuronId: 604,
      folder: join(root, '604'),
      exists: true,
      metadataExists: true,
    });
  });

  it('reads the folders of the page it returns and no others', async () => {
    const root = await cacheWithFolders(range(1, 40));
    // Relatime updates a file's access time on a read once it is older than its change time: set every
    // one far back, and a read shows.
    for (const id of range(1, 40)) {
      const metadata = join(root, String(id), 'metadata.json');
      await utimes(metadata, LONG_AGO, (await stat(metadata)).mtime);
    }
    const page = await diskCache(root).list({ first: 5, afterId: 10 });
    expect(page.map((status) => status.neuronId)).toEqual([11, 12, 13, 14, 15]);

    const read: number[] = [];
    for (const id of range(1, 40)) {
      const { atimeMs } = await stat(join(root, String(id), 'metadata.json'));
      if (atimeMs > LONG_AGO.getTime()) read.push(id);
    }
    expect(read).toEqual([11, 12, 13, 14, 15]);
  });

  it(`refuses a page of 0 or more than ${MAX_CACHED_NEURONS_PAGE}, and a negative afterId`, async () => {
    const cache = diskCache(await cacheWithFolders([1]));
    for (const page of [
      { first: 0, afterId: null },
      { first: MAX_CACHED_NEURONS_PAGE + 1, afterId: null },
      { first: 1.5, afterId: null },
      { first: 10, afterId: -1 },
    ]) {
      await expect(cache.list(page)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });

  it('lists nothing, without failing, when the root does not exist yet', async () => {
    const cache = diskCache(join(await tempDir(), 'not-yet'));
    expect(await cache.list({ first: 10, afterId: null })).toEqual([]);
  });
});

describe('DiskCache when the cache is off', () => {
  it('answers CACHE_NOT_CONFIGURED to every listing and write, and "not configured" statuses', async () => {
    const cache = diskCache(null);
    expect(() => cache.assertConfigured()).toThrow(expect.objectContaining({ code: 'CACHE_NOT_CONFIGURED' }));
    const neuron = toNeuron({ neuron_id: 7, neuron_name: 'seven', archive: 'Smith' });
    for (const call of [
      () => cache.list({ first: 10, afterId: null }),
      () => cache.readNeuron(7),
      () => cache.remove(7),
      () => cache.clear(),
      () =>
        cache.download({
          neuron,
          mode: 'both',
          overwrite: false,
          dryRun: true,
          loadMeasurement: async () => null,
        }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'CACHE_NOT_CONFIGURED' });
    }
    expect(await cache.statuses([neuron])).toEqual([
      expect.objectContaining({ neuronId: 7, configured: false }),
    ]);
    await cache.start();
    await cache.close();
  });
});

describe('DiskCache housekeeping', () => {
  it('removes one folder, then clears the rest, leaving other entries of the root alone', async () => {
    const root = await cacheWithFolders([1, 2, 3]);
    await writeFile(join(root, 'README.txt'), 'keep me');
    await mkdir(join(root, '007'));
    const cache = diskCache(root);
    expect(await cache.remove(2)).toBe(true);
    expect(await cache.remove(2)).toBe(false);
    expect(await cache.clear()).toBe(2);
    expect((await readdir(root)).sort()).toEqual(['007', 'README.txt']);
  });

  it('sweeps stale temporary files at start and again every 10 minutes until closed', async () => {
    const root = await cacheWithFolders([604]);
    const stale = async (name: string) => {
      const path = join(root, '604', name);
      await writeFile(path, 'half a file');
      await utimes(path, LONG_AGO, LONG_AGO);
      return path;
    };
    const exists = (path: string) =>
      stat(path).then(
        () => true,
        () => false,
      );
    const removed: number[] = [];
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const cache = diskCache(root, (count) => removed.push(count));

    const crashed = await stale('.v_e_moto1.CNG.swc.1-aaaaaa.nmg-part');
    await cache.start();
    expect(await exists(crashed)).toBe(false);

    const later = await stale('.v_e_moto1.CNG.swc.2-bbbbbb.nmg-part');
    vi.advanceTimersByTime(9 * 60_000);
    expect(await exists(later)).toBe(true);
    vi.advanceTimersByTime(60_000);
    // close() waits for the sweep that is running.
    await cache.close();
    expect(await exists(later)).toBe(false);
    expect(removed).toEqual([1, 1]);

    const afterClose = await stale('.v_e_moto1.CNG.swc.3-cccccc.nmg-part');
    vi.advanceTimersByTime(20 * 60_000);
    await cache.close();
    expect(await exists(afterClose)).toBe(true);
  });
});

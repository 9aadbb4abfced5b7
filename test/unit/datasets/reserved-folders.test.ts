import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS_FOLDER } from '../../../src/datasets/store/dataset-store.js';
import { createDiskCache } from '../../../src/disk/disk-cache.js';
import { LOCKS_FOLDER } from '../../../src/disk/neuron-lock.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';
import type { UpstreamHttp } from '../../../src/upstream/http.js';
import { tempDir } from '../../support/temp-dir.js';

const noNetwork: UpstreamHttp = {
  getJson: () => Promise.reject(new Error('no network in these tests')),
  openStream: () => Promise.reject(new Error('no network in these tests')),
};

function diskCache(root: string) {
  return createDiskCache({
    root,
    site: createSiteUrls('https://neuromorpho.org'),
    http: noNetwork,
    fileAttempts: 1,
    concurrency: 1,
    fileLimits: { maxBytes: 1024, timeoutMs: 1000, upstreamConcurrency: 2 },
  });
}

describe('the dataset and lock folders of the cache root', () => {
  it('are never taken for neuron folders: not listed, not cleared, not removed, not swept', async () => {
    const root = await tempDir();
    await mkdir(join(root, '7'));
    await writeFile(join(root, '7', 'metadata.json'), '{}');
    const stateFile = join(
      root,
      DATASETS_FOLDER,
      'ds_0123456789abcdef',
      'chunks',
      '.0.state.json.1-aa.nmg-part',
    );
    await mkdir(join(root, DATASETS_FOLDER, 'ds_0123456789abcdef', 'chunks'), { recursive: true });
    await writeFile(stateFile, '{}');
    await utimes(stateFile, new Date('2001-01-01'), new Date('2001-01-01'));
    await mkdir(join(root, LOCKS_FOLDER, '7.lock'), { recursive: true });
    const cache = diskCache(root);

    expect((await cache.list({ first: 10, afterId: null })).map((status) => status.neuronId)).toEqual([7]);
    await cache.start();
    await cache.close();
    expect(await cache.clear()).toBe(1);
    expect((await readdir(root)).sort()).toEqual([DATASETS_FOLDER, LOCKS_FOLDER].sort());
    // Only a real neuron folder is swept: a temporary file of the job's state is the job's business.
    expect(await readdir(join(root, DATASETS_FOLDER, 'ds_0123456789abcdef', 'chunks'))).toHaveLength(1);
    expect(await readdir(join(root, LOCKS_FOLDER))).toEqual(['7.lock']);
  });
});

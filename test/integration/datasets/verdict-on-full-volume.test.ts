/**
 * The DISK_FULL verdict of a job is written into the room its reserve holds, on a real volume with not a
 * byte free: freeing the reserve first and then writing would let any other writer (the job's other
 * downloads) take the room in between, and the job would stay RUNNING for good.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatasetId } from '../../../src/datasets/dataset-id.js';
import { createDatasetStore, DATASETS_FOLDER } from '../../../src/datasets/store/dataset-store.js';
import type { StoredDataset } from '../../../src/datasets/store/stored-types.js';
import { mountTmpfs, tmpfsUnavailable } from '../../support/tmpfs.js';

const unavailable = await tmpfsUnavailable();
if (unavailable !== null) console.warn(`dataset verdict test not run: ${unavailable}`);

function runningJob(ids: number[]): StoredDataset {
  return {
    id: newDatasetId(),
    name: 'full volume',
    status: 'RUNNING',
    input: {
      ids,
      q: null,
      fq: null,
      filter: null,
      limit: ids.length,
      mode: 'standard',
      overwrite: false,
      name: null,
    },
    createdAt: new Date().toISOString(),
    startedAt: new Date().toISOString(),
    finishedAt: null,
    error: null,
    total: ids.length,
    chunkCount: 1,
  };
}

const failed = (current: StoredDataset): StoredDataset => ({
  ...current,
  status: 'FAILED',
  error: { code: 'DISK_FULL', message: 'no space left on the cache volume' },
  finishedAt: new Date().toISOString(),
});

/** Takes every free byte of the volume (the last few pages one small file at a time). */
async function fillCompletely(mountPoint: string, fill: (leave: number) => Promise<void>) {
  await fill(0).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOSPC') throw error;
  });
  for (let i = 0; ; i++) {
    try {
      await writeFile(join(mountPoint, `crumb-${i}`), Buffer.alloc(4096));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return;
      throw error;
    }
  }
}

describe.skipIf(unavailable !== null)('the verdict of a job on a full volume', () => {
  it.each([
    ['a small job', [1, 2, 3]],
    // An id list of 10000 neurons: a record larger than the smallest reserve.
    ['a job of 10000 ids', Array.from({ length: 10_000 }, (_, i) => 1_000_000 + i)],
  ])('%s: FAILED is written with no byte free, into the room of its reserve', async (_, ids) => {
    const volume = await mountTmpfs(1024 * 1024);
    const store = createDatasetStore(volume.cacheDir);
    const job = runningJob(ids);
    await store.create(job);
    await fillCompletely(volume.mountPoint, volume.fill);
    expect(await volume.freeBytes()).toBe(0);

    // Without the reserve, the verdict cannot be written: the failure the test guards against.
    await expect(store.update(job.id, failed)).rejects.toMatchObject({ code: 'DISK_FULL' });
    expect((await store.read(job.id))?.status).toBe('RUNNING');

    const written = await store.update(job.id, failed, { inReserve: true });
    expect(written?.status).toBe('FAILED');
    const stored = await store.read(job.id);
    expect(stored).toEqual(written);
    expect(stored?.input.ids).toHaveLength(ids.length);
    const folder = join(volume.cacheDir, DATASETS_FOLDER, job.id);
    // The reserve became dataset.json: no reserve, no temporary file left beside it.
    expect((await readdir(folder)).sort()).toEqual(['chunks', 'dataset.json']);
    expect(JSON.parse(await readFile(join(folder, 'dataset.json'), 'utf8'))).toEqual(written);

    // What the reserve held beyond the record is given back to the volume.
    expect(await volume.freeBytes()).toBeGreaterThan(0);
  });
});

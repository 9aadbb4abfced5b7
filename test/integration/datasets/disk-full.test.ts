import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTempName } from '../../../src/disk/temp-files.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { mountTmpfs, tmpfsUnavailable } from '../../support/tmpfs.js';
import { allItems, createOrThrow, waitForDataset } from './support.js';

// A real volume that fills up: a small tmpfs (needs root with mount rights, as CI has).
const unavailable = await tmpfsUnavailable();
if (unavailable !== null) console.warn(`dataset disk-full test not run: ${unavailable}`);

describe.skipIf(unavailable !== null)('a dataset on a volume that fills up', () => {
  it('fails the job with DISK_FULL; every file on disk is complete, none partial', async () => {
    const replica = await startReplica({ size: 300 });
    const volume = await mountTmpfs(3 * 1024 * 1024);
    const gateway = await startGateway(replica.url, {
      CACHE_DIR: volume.cacheDir,
      DOWNLOAD_CONCURRENCY: '4',
    });

    const created = await createOrThrow(gateway, { limit: 200, mode: 'STANDARD' });
    const finished = await waitForDataset(gateway, created.id, undefined, 60_000);
    expect(finished.status).toBe('FAILED');
    expect(finished.error?.code).toBe('DISK_FULL');
    expect(finished.done).toBeGreaterThan(0);
    expect(finished.done + finished.skipped + finished.failed).toBeLessThan(200);

    // Every visible neuron file is byte for byte what NeuroMorpho (the replica) serves for it.
    const items = await allItems(gateway, created.id);
    const entries = await readdir(volume.cacheDir, { recursive: true, withFileTypes: true });
    const visible = entries
      .filter((entry) => entry.isFile() && !isTempName(entry.name))
      .map((entry) => relative(volume.cacheDir, join(entry.parentPath, entry.name)))
      .filter((path) => path.endsWith('.swc'));
    expect(visible.length).toBeGreaterThan(0);
    for (const path of visible) {
      // A file finished just before the disk filled may lack its item state (that write failed too);
      // either way it must be whole: the bytes NeuroMorpho (the replica) serves for that neuron.
      const neuronId = Number(path.split('/')[0]);
      const { data } = await gateway.execute<{ neuron: { urls: { standardSwc: string } } }, never>(
        `{ neuron(id: ${neuronId}) { urls { standardSwc } } }`,
      );
      const served = Buffer.from(await (await fetch(data?.neuron.urls.standardSwc ?? '')).arrayBuffer());
      expect((await readFile(join(volume.cacheDir, path))).equals(served), `${path} is partial`).toBe(true);
    }
    const done = items.filter((item) => item.status === 'DONE');
    // And every finished item's files are there, complete.
    for (const item of done) {
      for (const file of item.files) {
        const onDisk = await readFile(join(volume.cacheDir, file.relativePath));
        expect(onDisk.length).toBe(file.bytes);
      }
    }
  }, 90_000);

  it('still records FAILED with DISK_FULL when the volume is left with no room at all', async () => {
    const replica = await startReplica({ size: 300 });
    const volume = await mountTmpfs(8 * 1024 * 1024);
    const gateway = await startGateway(replica.url, {
      CACHE_DIR: volume.cacheDir,
      DOWNLOAD_CONCURRENCY: '4',
    });
    const created = await createOrThrow(gateway, { limit: 200, mode: 'STANDARD' });
    await waitForDataset(
      gateway,
      created.id,
      (dataset) => dataset.done > 0 || ['DONE', 'FAILED'].includes(dataset.status),
    );
    // Every free byte taken at once: the job's next write (a file, an item state or the verdict) fails.
    await volume.fill(0).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOSPC') throw error;
    });
    const finished = await waitForDataset(gateway, created.id, undefined, 30_000);
    expect(finished.status).toBe('FAILED');
    expect(finished.error?.code).toBe('DISK_FULL');
    expect(finished.done).toBeGreaterThan(0);
    expect(finished.done).toBeLessThan(200);
  }, 60_000);
});

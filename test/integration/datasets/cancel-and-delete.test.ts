import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { allItems, createOrThrow, getDataset, listDatasets, waitForDataset } from './support.js';

const replica = await startReplica({ size: 500 });
const cacheDir = await tempDir();
const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir, DOWNLOAD_CONCURRENCY: '1' });
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('cancelDataset and deleteDataset', () => {
  it('cancel stops new downloads and keeps finished ones; delete with removeFiles removes state and folders', async () => {
    // Slow files, so the job is surely mid-way when it is cancelled.
    replica.faults.add({ route: '/dableFiles', latencyMs: 30 });
    const created = await createOrThrow(gateway, { limit: 200, mode: 'STANDARD' });
    await waitForDataset(gateway, created.id, (dataset) => dataset.done + dataset.failed >= 5);

    const { data } = await gateway.execute<{ cancelDataset: { status: string } }, { id: string }>(
      'mutation ($id: ID!) { cancelDataset(id: $id) { status } }',
      { id: created.id },
    );
    expect(data?.cancelDataset.status).toBe('CANCELLED');
    // The neuron running when it was cancelled may still finish; nothing after it starts.
    await sleep(300);
    const fetched = replica.count({ pathPrefix: '/dableFiles' });
    await sleep(500);
    expect(replica.count({ pathPrefix: '/dableFiles' })).toBe(fetched);
    const cancelled = await getDataset(gateway, created.id);
    expect(cancelled?.status).toBe('CANCELLED');
    expect(cancelled?.finishedAt).not.toBeNull();
    expect((cancelled?.done ?? 0) + (cancelled?.failed ?? 0)).toBeLessThan(200);

    const items = await allItems(gateway, created.id);
    const done = items.filter((item) => item.status === 'DONE');
    expect(done.length).toBeGreaterThanOrEqual(5);
    expect(items.filter((item) => item.status === 'PENDING').length).toBeGreaterThan(0);
    for (const item of done) {
      const file = item.files[0];
      expect((await readFile(join(cacheDir, file?.relativePath ?? 'none'))).length).toBe(file?.bytes);
    }

    const deleted = await gateway.execute<{ deleteDataset: boolean }, { id: string }>(
      'mutation ($id: ID!) { deleteDataset(id: $id, removeFiles: true) }',
      { id: created.id },
    );
    expect(deleted.data?.deleteDataset).toBe(true);
    expect(await getDataset(gateway, created.id)).toBeNull();
    expect(await listDatasets(gateway)).toEqual([]);
    expect(await exists(join(cacheDir, '.datasets', created.id))).toBe(false);
    for (const item of done) expect(await exists(join(cacheDir, String(item.neuronId)))).toBe(false);
    replica.faults.clear();
  });

  it('delete without removeFiles keeps the folders; deleting an unknown id is false', async () => {
    const created = await createOrThrow(gateway, { limit: 3, mode: 'STANDARD' });
    await waitForDataset(gateway, created.id);
    const items = await allItems(gateway, created.id);
    const { data } = await gateway.execute<{ deleteDataset: boolean }, { id: string }>(
      'mutation ($id: ID!) { deleteDataset(id: $id) }',
      { id: created.id },
    );
    expect(data?.deleteDataset).toBe(true);
    for (const item of items.filter((each) => each.status === 'DONE')) {
      expect(await exists(join(cacheDir, String(item.neuronId), 'metadata.json'))).toBe(true);
    }
    expect(await readdir(join(cacheDir, '.datasets'))).toEqual([]);
    const again = await gateway.execute<{ deleteDataset: boolean }, { id: string }>(
      'mutation ($id: ID!) { deleteDataset(id: $id) }',
      { id: created.id },
    );
    expect(again.data?.deleteDataset).toBe(false);
    const cancelUnknown = await gateway.execute(
      'mutation { cancelDataset(id: "ds_0123456789abcdef") { id } }',
    );
    expect(cancelUnknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

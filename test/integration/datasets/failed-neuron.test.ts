import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { allItems, createOrThrow, waitForDataset } from './support.js';

const replica = await startReplica({ size: 500 });
const gateway = await startGateway(replica.url, { CACHE_DIR: await tempDir() });

describe('a neuron whose file is missing', () => {
  it('is FAILED with NOT_FOUND and the job goes on to DONE', async () => {
    const missing = replica.population.missingFileIds[0] as number;
    expect(missing).toBeDefined();
    const fine = replica.population.ids
      .filter((id) => !replica.population.missingFileIds.includes(id))
      .slice(0, 3);
    const created = await createOrThrow(gateway, { ids: [missing, ...fine], limit: 4, mode: 'STANDARD' });

    const finished = await waitForDataset(gateway, created.id);
    expect(finished.status).toBe('DONE');
    expect(finished).toMatchObject({ total: 4, done: 3, failed: 1, skipped: 0 });
    const items = await allItems(gateway, created.id);
    const failed = items.find((item) => item.neuronId === missing);
    expect(failed?.status).toBe('FAILED');
    expect(failed?.error?.code).toBe('NOT_FOUND');
    expect(failed?.files).toEqual([]);
    expect(items.filter((item) => item.status === 'DONE').map((item) => item.neuronId)).toEqual(
      [...fine].sort((a, b) => a - b),
    );
  });

  it('a second dataset of the same neurons fetches nothing again: they are SKIPPED', async () => {
    const fine = replica.population.ids
      .filter((id) => !replica.population.missingFileIds.includes(id))
      .slice(0, 3);
    replica.clearLog();
    const created = await createOrThrow(gateway, { ids: fine, limit: 3, mode: 'STANDARD' });
    const finished = await waitForDataset(gateway, created.id);
    expect(finished).toMatchObject({ status: 'DONE', done: 0, skipped: 3, failed: 0, bytes: 0 });
    expect(replica.count({ pathPrefix: '/dableFiles' })).toBe(0);
    const items = await allItems(gateway, created.id);
    for (const item of items) expect(item.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

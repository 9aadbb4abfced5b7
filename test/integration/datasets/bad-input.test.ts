import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { createDataset, listDatasets } from './support.js';

const replica = await startReplica({ size: 300 });
const cacheDir = await tempDir();
const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir, DATASET_MAX_NEURONS: '200' });

async function refusal(input: Record<string, unknown>) {
  const { data, errors } = await createDataset(gateway, input);
  expect(data?.createDataset ?? null).toBeNull();
  return errors?.[0];
}

describe('createDataset refuses bad input before any job exists', () => {
  it('a limit below 1 or above DATASET_MAX_NEURONS is BAD_USER_INPUT, with no upstream request', async () => {
    replica.clearLog();
    expect((await refusal({ limit: 0 }))?.extensions?.code).toBe('BAD_USER_INPUT');
    const above = await refusal({ limit: 201 });
    expect(above?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(above?.message).toMatch(/between 1 and 200/);
    expect(replica.log).toHaveLength(0);
    expect(await listDatasets(gateway)).toEqual([]);
  });

  it('an invalid filter, or ids with a search, is BAD_USER_INPUT', async () => {
    replica.clearLog();
    expect((await refusal({ fq: ['  '] }))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await refusal({ q: 'species:rat\u0001' }))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await refusal({ ids: [1, 2], q: 'species:rat' }))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await refusal({ ids: [1, 2, 3], limit: 2 }))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(replica.log).toHaveLength(0);
    expect(await listDatasets(gateway)).toEqual([]);
  });

  it('a search matching nothing, or ids NeuroMorpho does not have, is EMPTY_DATASET', async () => {
    const empty = await refusal({ q: 'species:no-such-species-anywhere' });
    expect(empty?.extensions?.code).toBe('EMPTY_DATASET');
    expect((await refusal({ ids: [999_999_991, 999_999_992] }))?.extensions?.code).toBe('EMPTY_DATASET');
    expect(await listDatasets(gateway)).toEqual([]);
  });

  it('writes need write access like downloadNeuron', async () => {
    const remote = await startGateway(replica.url, {
      CACHE_DIR: await tempDir(),
      ADMIN_TOKEN: 'a-long-enough-admin-token',
    });
    const { errors } = await createDataset(remote, { limit: 1 });
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await listDatasets(remote)).toEqual([]);
  });
});

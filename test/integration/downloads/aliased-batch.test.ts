import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 300 });
const cacheDir = await tempDir();
const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir });

describe('downloadNeuron in an aliased batch', () => {
  it('a failing download nulls only its own field; every other download of the mutation is kept', async () => {
    const ids = [1, 999_999_999, 37, 604];
    const fields = ids.map((id) => `n${id}: downloadNeuron(id: ${id}, mode: STANDARD) { folder }`);
    const { status, data, errors } = await gateway.execute<Record<string, { folder: string } | null>, object>(
      `mutation { ${fields.join(' ')} }`,
    );
    expect(status).toBe(200);
    expect(data?.n999999999).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.path).toEqual(['n999999999']);
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const id of [1, 37, 604])
      expect(data?.[`n${id}`]?.folder, `neuron ${id}`).toMatch(new RegExp(`/${id}$`));
    expect((await readdir(cacheDir)).filter((name) => /^\d+$/.test(name)).sort()).toEqual(['1', '37', '604']);
  });

  it('20 aliased downloads fit the default query limits', async () => {
    const page = await gateway.execute<{ search: { items: Array<{ neuronId: number }> } }, object>(
      '{ search(size: 20) { items { neuronId } } }',
    );
    const ids = page.data?.search.items.map((item) => item.neuronId) ?? [];
    expect(ids).toHaveLength(20);
    const fields = ids.map((id) => `d${id}: downloadNeuron(id: ${id}, dryRun: true) { folder }`);
    const { errors, data } = await gateway.execute<Record<string, { folder: string } | null>, object>(
      `mutation { ${fields.join(' ')} }`,
    );
    expect(errors).toBeUndefined();
    expect(Object.values(data ?? {}).filter((record) => record !== null)).toHaveLength(20);
  });
});

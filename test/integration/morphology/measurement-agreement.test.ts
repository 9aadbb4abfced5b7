import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 200, seed: 3 });
const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory' });

const COUNTS = ['nStems', 'nBifs', 'nBranch', 'branchOrder', 'fragmentation'] as const;
const QUANTITIES = [
  'surface',
  'volume',
  'somaSurface',
  'width',
  'height',
  'depth',
  'diameter',
  'length',
  'euclideanDistance',
  'pathDistance',
  'contraction',
  'partitionAsymmetry',
  'bifAmplLocal',
  'bifAmplRemote',
] as const;
type Values = Record<(typeof COUNTS)[number] | (typeof QUANTITIES)[number], number | null>;
interface Page {
  search: { items: Array<{ neuronId: number; measurement: Values; morphology: { summary: Values } | null }> };
}

describe('measurement and morphology.summary of the same neuron', () => {
  it('agree for generated neurons: counts exactly, quantities to 0.1 %', async () => {
    const fields = [...COUNTS, ...QUANTITIES].join(' ');
    const { data, errors } = await gateway.execute<Page, never>(
      `{ search(q: "neuron_id:[700000 TO 700015]", size: 16) { items { neuronId measurement { ${fields} } morphology { summary { ${fields} } } } } }`,
    );
    expect(errors).toBeUndefined();
    const items = data?.search.items ?? [];
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) {
      const summary = item.morphology?.summary;
      expect(summary, `neuron ${item.neuronId}`).toBeDefined();
      for (const key of COUNTS) expect(summary?.[key], `${item.neuronId} ${key}`).toBe(item.measurement[key]);
      for (const key of QUANTITIES) {
        const recorded = item.measurement[key] ?? Number.NaN;
        const computed = summary?.[key] ?? Number.NaN;
        expect(Math.abs(computed - recorded), `${item.neuronId} ${key}`).toBeLessThanOrEqual(
          Math.abs(recorded) * 0.001,
        );
      }
    }
  });
});

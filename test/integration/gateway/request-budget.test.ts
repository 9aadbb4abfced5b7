import { beforeEach, describe, expect, it } from 'vitest';
import { NestedSearchDocument, NeuronsByIdsDocument } from '../../generated/graphql.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica();
const gateway = await startGateway(replica.url, { CACHE_DIR: await tempDir() });
const upstreamRequests = () => replica.count({ pathPrefix: '/api' });

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

describe('upstream request budget', () => {
  it('a page of 50 neurons with measurement, urls and cacheStatus costs exactly 2 upstream requests', async () => {
    const result = await gateway.execute(NestedSearchDocument, { size: 50, q: 'species:rat' });
    expect(result.errors).toBeUndefined();
    const items = result.data?.search.items ?? [];
    expect(items).toHaveLength(50);
    for (const item of items) {
      expect(item.measurement?.neuronId).toBe(item.neuronId);
      expect(item.urls.standardSwc).toContain('/dableFiles/');
      expect(item.cacheStatus.configured).toBe(true);
    }
    expect(upstreamRequests()).toBe(2);
    expect(replica.count({ pathPrefix: '/api/neuron/select' })).toBe(1);
    expect(replica.count({ pathPrefix: '/api/morphometry/select' })).toBe(1);
  });

  it('neurons(ids: [100 ids]) with measurements costs at most 2 upstream requests', async () => {
    const ids = replica.population.ids.slice(0, 100);
    const result = await gateway.execute(NeuronsByIdsDocument, { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data?.neurons.map((n) => n?.neuronId)).toEqual(ids);
    expect(result.data?.neurons.every((n) => typeof n?.measurement?.nStems === 'number')).toBe(true);
    expect(upstreamRequests()).toBeLessThanOrEqual(2);
  });

  it('the same query twice in one HTTP batch costs no more than once', async () => {
    // Slow upstream answers keep both operations' requests in flight together.
    replica.faults.add({ route: '/api', latencyMs: 300 });
    const ids = replica.population.ids.slice(200, 230);
    const operation = {
      query: 'query($ids:[Int!]!){ neurons(ids:$ids){ name measurement { nStems } } }',
      variables: { ids },
    };
    const response = await gateway.post([operation, operation]);
    const body = (await response.json()) as Array<{ data: { neurons: unknown[] } }>;
    expect(body).toHaveLength(2);
    expect(body[0]?.data.neurons).toEqual(body[1]?.data.neurons);
    expect(upstreamRequests()).toBe(2);
  });

  it('the same query from concurrent clients costs no more than once', async () => {
    replica.faults.add({ route: '/api', latencyMs: 300 });
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        gateway.execute(NestedSearchDocument, { size: 20, q: 'species:mouse' }),
      ),
    );
    for (const result of results) expect(result.data?.search.items).toHaveLength(20);
    expect(upstreamRequests()).toBe(2);
  });
});

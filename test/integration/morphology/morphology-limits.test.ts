import { beforeEach, describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

// 700017 is one of the replica's neurons whose files answer 404 (i % 250 === 17); 700003 serves 2 MB.
const replica = await startReplica({ size: 300, largeFiles: { 700003: 2_000_000 } });
const gateway = await startGateway(replica.url, {
  CACHE_STORE: 'memory',
  MORPHOLOGY_MAX_BYTES: '1000000',
  MORPHOLOGY_MAX_NODES: '400',
});
// The same replica behind the default limits, for what those limits let through.
const standard = await startGateway(replica.url, { CACHE_STORE: 'memory' });
const upstreamRequests = () => replica.count();

interface MorphologyAnswer {
  neuron: { neuronId: number; morphology: { nodes: number } | null } | null;
}

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

describe('morphology failures', () => {
  it('a file NeuroMorpho answers 404 for is null with NOT_FOUND at its path', async () => {
    const { data, errors } = await gateway.execute<MorphologyAnswer, never>(
      '{ neuron(id: 700017) { neuronId morphology { nodes } } }',
    );
    expect(data?.neuron).toEqual({ neuronId: 700017, morphology: null });
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.path).toEqual(['neuron', 'morphology']);
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('an injected 404 for the file is null with NOT_FOUND; the neuron itself still answers', async () => {
    replica.faults.add({ route: '/dableFiles', status: 404, times: 1 });
    const { data, errors } = await gateway.execute<MorphologyAnswer, never>(
      '{ neuron(id: 700010) { neuronId morphology { nodes } } }',
    );
    expect(data?.neuron).toEqual({ neuronId: 700010, morphology: null });
    expect(errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('a file whose Content-Length is over MORPHOLOGY_MAX_BYTES is MORPHOLOGY_TOO_LARGE', async () => {
    const { data, errors } = await gateway.execute<MorphologyAnswer, never>(
      '{ neuron(id: 700003) { neuronId morphology { nodes } } }',
    );
    expect(data?.neuron?.morphology).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'MORPHOLOGY_TOO_LARGE', limitBytes: 1_000_000 });
    expect(errors?.[0]?.path).toEqual(['neuron', 'morphology']);
  });

  it('a file of unannounced size is cut off at MORPHOLOGY_MAX_BYTES while streaming', async () => {
    replica.faults.add({ route: '/dableFiles', chunked: true });
    const { data, errors } = await gateway.execute<MorphologyAnswer, never>(
      '{ neuron(id: 700003) { neuronId morphology { nodes } } }',
    );
    expect(data?.neuron?.morphology).toBeNull();
    expect(errors?.map((error) => error.extensions?.code)).toEqual(['MORPHOLOGY_TOO_LARGE']);
    expect(replica.log.find((entry) => entry.path.startsWith('/dableFiles'))).toBeDefined();
  });

  it('a file with more samples than MORPHOLOGY_MAX_NODES is MORPHOLOGY_TOO_LARGE', async () => {
    // Neuron 604's real file has 562 samples.
    const { data, errors } = await gateway.execute<MorphologyAnswer, never>(
      '{ neuron(id: 604) { neuronId morphology { nodes } } }',
    );
    expect(data?.neuron?.morphology).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'MORPHOLOGY_TOO_LARGE', maxNodes: 400 });
  });

  it('500 morphologies in one query are refused with QUERY_TOO_COMPLEX before any upstream request', async () => {
    const { data, errors } = await gateway.execute(
      '{ search(size: 500) { items { morphology { summary { length } } } } }',
    );
    expect(data ?? null).toBeNull();
    expect(errors?.map((error) => error.extensions?.code)).toContain('QUERY_TOO_COMPLEX');
    expect(upstreamRequests()).toBe(0);
  });

  it('the same through a fragment and neurons(ids) of 500 is refused too', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => 700000 + i);
    const { errors } = await gateway.execute(
      `query { neurons(ids: [${ids.join(',')}]) { ...shape } } fragment shape on Neuron { morphology { nodes } }`,
    );
    expect(errors?.map((error) => error.extensions?.code)).toContain('QUERY_TOO_COMPLEX');
    expect(upstreamRequests()).toBe(0);
  });

  it('drawing sizes outside 16..4096 and a Sholl step that is not positive are BAD_USER_INPUT', async () => {
    for (const field of ['svg(width: 15)', 'svg(height: 5000)', 'sholl(stepUm: 0) { radius }']) {
      const { errors } = await standard.execute(`{ neuron(id: 1) { morphology { ${field} } } }`);
      expect(errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('morphology drawings and geometry', () => {
  interface Drawn {
    neuron: {
      morphology: {
        nodes: number;
        svg: string;
        side: string;
        sholl: Array<{ radius: number; intersections: number }>;
        geometry: { ids: number[]; types: number[]; parents: number[]; positions: number[]; radii: number[] };
      };
    };
  }
  const query = `{ neuron(id: 1) { morphology { nodes svg side: svg(projection: YZ, width: 200, height: 100)
    sholl(stepUm: 25) { radius intersections } geometry { ids types parents positions radii } } } }`;

  it('answers an SVG, a Sholl profile and flat geometry arrays; asked again, from the cache', async () => {
    const first = await standard.execute<Drawn, never>(query);
    expect(first.errors).toBeUndefined();
    const morphology = first.data?.neuron.morphology;
    expect(
      morphology?.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"'),
    ).toBe(true);
    expect(morphology?.side).toContain('width="200" height="100"');
    expect(morphology?.svg).not.toBe(morphology?.side);
    expect(morphology?.sholl[0]?.radius).toBe(25);
    expect(morphology?.sholl.some((point) => point.intersections > 0)).toBe(true);
    const shape = morphology?.geometry;
    expect(shape?.ids).toHaveLength(morphology?.nodes ?? -1);
    expect(shape?.positions).toHaveLength(3 * (morphology?.nodes ?? 0));
    expect(shape?.radii).toHaveLength(morphology?.nodes ?? -1);
    expect(shape?.parents[0]).toBe(-1);
    expect(shape?.types[0]).toBe(1);
    replica.clearLog();
    const second = await standard.execute<Drawn, never>(query);
    expect(second.data).toEqual(first.data);
    expect(upstreamRequests()).toBe(0);
  });
});

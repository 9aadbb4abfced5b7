import { readFile } from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  FieldCatalogueDocument,
  NestedSearchDocument,
  NeuronByNameDocument,
  NeuronDetailDocument,
  NeuronsByIdsDocument,
  NodeLookupDocument,
  SearchConnectionDocument,
} from '../../generated/graphql.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica();
const gateway = await startGateway(replica.url);
const recorded = JSON.parse(
  await readFile(new URL('../../../fixtures/upstream/neuron_id_1.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

describe('neuron', () => {
  it('maps every field of the recorded cnic_001 record, with its measurement and URLs', async () => {
    const { data, errors } = await gateway.execute(NeuronDetailDocument, { id: 1 });
    expect(errors).toBeUndefined();
    const neuron = data?.neuron;
    expect(neuron).toMatchObject({
      neuronId: 1,
      name: 'cnic_001',
      archive: 'Wearne_Hof',
      species: 'monkey',
      scientificName: 'Macaca mulatta',
      minAge: 24,
      maxAge: 25,
      minWeight: 4500,
      maxWeight: 10_000,
      brainRegion: ['neocortex', 'prefrontal', 'layer 3'],
      cellType: ['Local projecting', 'pyramidal', 'principal cell'],
      slicingThickness: 400,
      magnification: 100,
      physicalIntegrity: 'Dendrites Moderate',
      referencePmid: ['12204204', '12902394'],
      originalFormat: 'Neurozoom.swc',
    });
    expect(neuron?.raw).toMatchObject({
      neuron_id: 1,
      min_age: '24.0',
      physical_Integrity: 'Dendrites Moderate',
    });
    expect(Object.keys(neuron?.raw as object)).toEqual(Object.keys(recorded));
    expect(neuron?.measurement).toMatchObject({
      neuronId: 1,
      nStems: 6,
      fragmentation: 1274,
      fractalDim: 1.01989,
    });
    expect(neuron?.urls).toEqual({
      standardSwc: `${replica.url}/dableFiles/wearne_hof/CNG%20version/cnic_001.CNG.swc`,
      originalFile: `${replica.url}/dableFiles/wearne_hof/Source-Version/cnic_001.swc`,
      measurement: `${replica.url}/api/morphometry/id/1`,
      thumbnail: `${replica.url}/images/imageFiles/Wearne_Hof/cnic_001.png`,
    });
    expect(neuron?.cacheStatus).toEqual({
      neuronId: 1,
      configured: false,
      folder: null,
      exists: false,
      metadataExists: false,
      standardExists: false,
      originalExists: false,
    });
    expect(neuron?.filePlan.map((item) => item.filename)).toEqual(['cnic_001.CNG.swc', 'cnic_001.swc']);
  });

  it('answers null for an id NeuroMorpho does not have', async () => {
    const { data, errors } = await gateway.execute(NeuronDetailDocument, { id: 999_999_999 });
    expect(errors).toBeUndefined();
    expect(data?.neuron).toBeNull();
  });

  it('finds a neuron by name, and null for an unknown name', async () => {
    expect(
      (await gateway.execute(NeuronByNameDocument, { name: 'cnic_001' })).data?.neuronByName?.neuronId,
    ).toBe(1);
    const unknown = await gateway.execute(NeuronByNameDocument, { name: 'AA1544' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.neuronByName).toBeNull();
  });

  it('refetches a neuron through node(id) with its global id', async () => {
    const byName = await gateway.execute(NeuronByNameDocument, { name: 'cnic_001' });
    const id = byName.data?.neuronByName?.id as string;
    const node = await gateway.execute(NodeLookupDocument, { id });
    expect(node.data?.node).toMatchObject({ id, neuronId: 1, name: 'cnic_001' });
  });

  it('neurons keeps the order asked and gives null for unknown ids', async () => {
    const { data, errors } = await gateway.execute(NeuronsByIdsDocument, { ids: [604, 123_456_789, 1, 37] });
    expect(errors).toBeUndefined();
    expect(data?.neurons.map((n) => n?.neuronId ?? null)).toEqual([604, null, 1, 37]);
  });
});

describe('search', () => {
  it('pages a typed filter and reports NeuroMorpho totals', async () => {
    const { data, errors } = await gateway.execute(NestedSearchDocument, {
      filter: { species: ['cat'] },
      size: 50,
      page: 3,
    });
    expect(errors).toBeUndefined();
    expect(data?.search).toMatchObject({ page: 3, size: 50, totalPages: 4, totalElements: 151 });
    expect(data?.search.items).toHaveLength(1);
    expect(data?.search.queryUrl).toContain('page=3');
  });

  it('combines a filter with fq clauses (all must match)', async () => {
    const { data } = await gateway.execute(NestedSearchDocument, {
      filter: { species: ['cat', 'rat', 'monkey'], stain: ['lucifer yellow'] },
      fq: ['brain_region:layer 3', 'strain:Macaque'],
      size: 50,
    });
    expect(data?.search.items.map((n) => n.neuronId)).toEqual(Array.from({ length: 20 }, (_, i) => 37 + i));
  });

  it('walks a connection with first/after, then back with last/before', async () => {
    const first = await gateway.execute(SearchConnectionDocument, {
      filter: { species: ['cat'] },
      first: 60,
    });
    const connection = first.data?.searchConnection;
    expect(connection?.totalCount).toBe(151);
    expect(connection?.edges).toHaveLength(60);
    expect(connection?.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = await gateway.execute(SearchConnectionDocument, {
      filter: { species: ['cat'] },
      first: 100,
      after: connection?.pageInfo.endCursor ?? null,
    });
    const rest = next.data?.searchConnection;
    expect(rest?.edges).toHaveLength(91);
    expect(rest?.pageInfo.hasNextPage).toBe(false);
    const ids = [...(connection?.edges ?? []), ...(rest?.edges ?? [])].map((edge) => edge.node.neuronId);
    expect(new Set(ids).size).toBe(151);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const back = await gateway.execute(SearchConnectionDocument, {
      filter: { species: ['cat'] },
      last: 10,
      before: rest?.pageInfo.startCursor ?? null,
    });
    expect(back.data?.searchConnection.edges.map((edge) => edge.node.neuronId)).toEqual(ids.slice(50, 60));
  });

  it('reads an unaligned connection window in one upstream request', async () => {
    const start = await gateway.execute(SearchConnectionDocument, { q: 'species:rat', first: 7 });
    replica.clearLog();
    await gateway.execute(SearchConnectionDocument, {
      q: 'species:rat',
      first: 20,
      after: start.data?.searchConnection.pageInfo.endCursor ?? null,
    });
    expect(replica.count({ pathPrefix: '/api/neuron/select' })).toBe(1);
  });
});

describe('fields', () => {
  it('lists field names, values and counts for a known field', async () => {
    const { data, errors } = await gateway.execute(FieldCatalogueDocument, { field: 'species' });
    expect(errors).toBeUndefined();
    expect(data?.neuronFields).toHaveLength(44);
    expect(data?.fieldValues).toHaveLength(94);
    expect(data?.fieldValues).toContain('dragonfly ');
    expect(data?.fieldCounts.reduce((sum, c) => sum + c.count, 0)).toBe(258_250);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { NestedSearchDocument, NeuronDetailDocument } from '../../generated/graphql.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica();
const gateway = await startGateway(replica.url, { UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_RETRIES: '2' });

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

async function errorCodes(query: string, variables?: Record<string, unknown>) {
  const result = await gateway.execute<unknown, Record<string, unknown> | undefined>(query, variables);
  return (result.errors ?? []).map((error) => error.extensions?.code);
}

describe('bad input gets BAD_USER_INPUT and costs no upstream request', () => {
  it.each([
    ['size 0', '{ search(size: 0) { totalElements } }'],
    ['size 501', '{ search(size: 501) { totalElements } }'],
    ['negative page', '{ search(page: -1) { totalElements } }'],
    ['first over 500', '{ searchConnection(first: 501) { totalCount } }'],
    ['negative first', '{ searchConnection(first: -1) { totalCount } }'],
    ['a bad cursor', '{ searchConnection(first: 5, after: "not-a-cursor") { totalCount } }'],
    ['an empty filter list', '{ search(filter: { species: [] }) { totalElements } }'],
    ['a blank filter value', '{ search(filter: { species: ["  "] }) { totalElements } }'],
    ['a comma inside a filter value', '{ search(filter: { species: ["rat,mouse"] }) { totalElements } }'],
    ['a malformed sort', '{ search(sort: "neuron_id;drop") { totalElements } }'],
    ['a control character in q', '{ search(q: "species:rat\\u0000") { totalElements } }'],
    ['a neuron id of 0', '{ neuron(id: 0) { name } }'],
    [
      'more than 500 ids',
      `{ neurons(ids: [${Array.from({ length: 501 }, (_, i) => i + 1).join(',')}]) { name } }`,
    ],
    ['a malformed global id', '{ node(id: "bm90LWEtbmV1cm9u") { id } }'],
  ])('%s', async (_what, query) => {
    expect(await errorCodes(query)).toEqual(['BAD_USER_INPUT']);
    expect(replica.count({ pathPrefix: '/api/neuron/select' })).toBe(0);
  });

  it('an unknown field name', async () => {
    expect(await errorCodes('{ fieldValues(field: "../../etc/passwd") }')).toEqual(['BAD_USER_INPUT']);
    expect(replica.count({ pathPrefix: '/api/neuron/fields/' })).toBe(0);
  });

  it('a GraphQL validation error is not an upstream request either', async () => {
    const result = await gateway.execute('{ search(size: "ten") { totalElements } }');
    expect(result.errors?.[0]?.message).toMatch(/"size" has invalid value|Int cannot represent/);
    expect(replica.log).toHaveLength(0);
  });
});

describe('upstream failures', () => {
  it('UPSTREAM_ERROR carries the status and the upstream URL', async () => {
    replica.faults.add({ route: '/api/neuron/select', status: 500 });
    const result = await gateway.execute(NestedSearchDocument, { q: 'species:rat' });
    const error = result.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', status: 500 });
    expect(String(error?.extensions?.url)).toContain(`${replica.url}/api/neuron/select`);
    expect(JSON.stringify(result)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('UPSTREAM_TIMEOUT when NeuroMorpho is too slow', async () => {
    replica.faults.add({ route: '/api/neuron/select', latencyMs: 2000 });
    expect(await errorCodes('{ search(q: "species:rat") { totalElements } }')).toEqual(['UPSTREAM_TIMEOUT']);
  });

  it('status 0 when NeuroMorpho cannot be reached', async () => {
    replica.faults.add({ route: '/api/neuron/select', reset: true });
    const result = await gateway.execute('{ search(q: "species:rat") { totalElements } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', status: 0 });
  });

  it('one failed measurement nulls that field only, with one error at its path', async () => {
    // The batch endpoint refuses, so measurements fall back to per-id requests; one of those fails.
    replica.faults.add({ route: '/api/morphometry/select', status: 400 });
    replica.faults.add({ route: '/api/morphometry/id/38', status: 500 });
    const result = await gateway.execute(NestedSearchDocument, {
      q: 'species:cat,rat,monkey',
      fq: ['stain:lucifer yellow', 'brain_region:layer 3', 'strain:Macaque'],
      size: 3,
    });
    const items = result.data?.search.items ?? [];
    expect(items.map((item) => item.neuronId)).toEqual([37, 38, 39]);
    expect(items.map((item) => item.measurement === null)).toEqual([false, true, false]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.path).toEqual(['search', 'items', 1, 'measurement']);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', status: 500 });
  });

  it('a neuron NeuroMorpho lacks measurements for has measurement null and no error', async () => {
    replica.faults.add({ route: '/api/morphometry', status: 404 });
    const result = await gateway.execute(NeuronDetailDocument, { id: 1 });
    expect(result.errors).toBeUndefined();
    expect(result.data?.neuron?.measurement).toBeNull();
  });
});

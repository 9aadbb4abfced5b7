import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

// The GraphQL spec (ExecuteSelectionSet, CollectFields) orders an answer's keys as the query selects
// them, whatever order the resolvers finish in. The fields below mix resolvers that answer at once
// (name, neuronId, urls) with ones that wait on a loader (measurement, cacheStatus), so an executor
// that wrote keys as values settled would list the waiting ones last.

const replica = await startReplica({ size: 20 });
const gateway = await startGateway(replica.url);

/** An answer's key order at every level: a leaf is its key, an object is [key, its keys]. */
type KeyShape = Array<string | [string, KeyShape]>;

/** The key order of `value`; every element of a list must have the same order (checked, not assumed). */
function keyShape(value: unknown): KeyShape | undefined {
  if (Array.isArray(value)) {
    const shapes = value.map(keyShape);
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
    return shapes[0];
  }
  if (value === null || typeof value !== 'object') return undefined;
  return Object.entries(value).map(([key, inner]) => {
    const shape = keyShape(inner);
    return shape === undefined ? key : [key, shape];
  });
}

/** Posts `query` over HTTP and returns the key order of `data`, parsed from the response text. */
async function answerShape(query: string): Promise<KeyShape | undefined> {
  const response = await gateway.post({ query });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  const body = JSON.parse(text) as { data?: unknown; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return keyShape(body.data);
}

describe('answers list fields in the order the query selects them', () => {
  it('loader-backed fields first, then fields that answer at once', async () => {
    const shape = await answerShape(
      '{ search(size: 3) { items { cacheStatus { exists } measurement { length } name neuronId urls { standardSwc } } } }',
    );
    expect(shape).toEqual([
      [
        'search',
        [
          [
            'items',
            [
              ['cacheStatus', ['exists']],
              ['measurement', ['length']],
              'name',
              'neuronId',
              ['urls', ['standardSwc']],
            ],
          ],
        ],
      ],
    ]);
  });

  it('the same fields in the reverse order', async () => {
    const shape = await answerShape(
      '{ search(size: 3) { items { urls { standardSwc } neuronId name measurement { length } cacheStatus { exists } } } }',
    );
    expect(shape).toEqual([
      [
        'search',
        [
          [
            'items',
            [
              ['urls', ['standardSwc']],
              'neuronId',
              'name',
              ['measurement', ['length']],
              ['cacheStatus', ['exists']],
            ],
          ],
        ],
      ],
    ]);
  });

  it('aliases keep their place, also for the same field selected twice', async () => {
    const shape = await answerShape(`{
      second: neuron(id: 1) { size: measurement { surface length } label: name }
      first: neuron(id: 1) { status: cacheStatus { standardExists exists } id: neuronId }
    }`);
    expect(shape).toEqual([
      ['second', [['size', ['surface', 'length']], 'label']],
      ['first', [['status', ['standardExists', 'exists']], 'id']],
    ]);
  });

  it('fragments expand where they are spread; a field selected again keeps its first place', async () => {
    const shape = await answerShape(`
      query {
        search(size: 2) {
          items {
            ...Status
            name
            ... on Neuron { measurement { length } neuronId }
            cacheStatus { exists neuronId }
            ...Status
          }
        }
      }
      fragment Status on Neuron { cacheStatus { neuronId } species }
    `);
    expect(shape).toEqual([
      [
        'search',
        [
          [
            'items',
            [
              ['cacheStatus', ['neuronId', 'exists']],
              'species',
              'name',
              ['measurement', ['length']],
              'neuronId',
            ],
          ],
        ],
      ],
    ]);
  });

  it('nested objects at every depth, with __typename in the middle', async () => {
    const shape = await answerShape(`{
      search(size: 2) {
        items {
          measurement { length __typename neuronId }
          __typename
          cacheStatus { exists configured }
        }
        __typename
      }
    }`);
    expect(shape).toEqual([
      [
        'search',
        [
          [
            'items',
            [
              ['measurement', ['length', '__typename', 'neuronId']],
              '__typename',
              ['cacheStatus', ['exists', 'configured']],
            ],
          ],
          '__typename',
        ],
      ],
    ]);
  });
});

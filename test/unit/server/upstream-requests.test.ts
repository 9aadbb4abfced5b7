import { getOperationAST, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../../src/schema/schema.js';
import {
  countUpstreamRequests,
  UPSTREAM_REQUESTS_PER_FIELD,
} from '../../../src/server/limits/upstream-requests.js';
import { fragmentBomb } from './fragment-bombs.js';

const schema = buildSchema();

function count(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return countUpstreamRequests(schema, document, operation, variables);
}

describe('countUpstreamRequests', () => {
  it('counts one search page and one measurement batch for a page with measurements', () => {
    expect(count('{ search(size: 500) { totalElements } }')).toBe(1);
    expect(count('{ search(size: 50) { items { name measurement { length } urls { standardSwc } } } }')).toBe(
      2,
    );
  });

  it('counts every alias, whatever is selected under it', () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: search(size: 1) { totalElements }`);
    expect(count(`{ ${aliases.join(' ')} }`)).toBe(50);
  });

  it('counts fields reached through fragments and interfaces', () => {
    const query =
      'query($id: ID!) { node(id: $id) { ... on Neuron { ...M } } neuron(id: 1) { ...M } } ' +
      'fragment M on Neuron { measurement { length } }';
    expect(count(query, { id: 'x' })).toBe(4);
  });

  it('neurons(ids) costs one batched request; more than 500 ids are refused before any', () => {
    const query = 'query($ids: [Int!]!) { neurons(ids: $ids) { name } }';
    expect(count(query, { ids: [1, 2, 3] })).toBe(1);
    expect(count(query, { ids: Array.from({ length: 501 }, (_, i) => i + 1) })).toBe(0);
    expect(count('query($ids: [Int!]! = [1, 2]) { neurons(ids: $ids) { name } }')).toBe(1);
  });

  it('costs nothing for introspection and disk-only fields', () => {
    expect(count('{ __schema { types { name } } cachedNeurons { exists } }')).toBe(0);
  });

  it('counts a mutation download as the record, the measurement and two files', () => {
    expect(count('mutation { downloadNeuron(id: 1) { folder } }')).toBe(4);
  });

  it('counts a 300-level fragment bomb by its expansion without walking it', () => {
    expect(count(fragmentBomb(300))).toBe(2 ** 300);
  });

  it('lists every Query and Mutation field, and only fields that exist', () => {
    const rootFields = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : [],
    );
    for (const coordinate of rootFields) expect(UPSTREAM_REQUESTS_PER_FIELD).toHaveProperty([coordinate]);
    for (const coordinate of Object.keys(UPSTREAM_REQUESTS_PER_FIELD)) {
      const [typeName = '', fieldName = ''] = coordinate.split('.');
      const type = schema.getType(typeName);
      expect(isObjectType(type) && type.getFields()[fieldName], coordinate).toBeTruthy();
    }
  });
});

describe('counting Neuron.morphology', () => {
  it('counts one file request per neuron of the list it sits under, plus the page', () => {
    expect(count('{ search(size: 50) { items { morphology { summary { length nBifs } } } } }')).toBe(51);
    expect(count('{ search(size: 500) { items { morphology { nodes } } } }')).toBe(501);
    expect(count('{ neuron(id: 1) { morphology { nodes } } }')).toBe(2);
  });

  it('takes list sizes from variables and defaults, and multiplies through fragments', () => {
    const query =
      'query ($n: Int!) { search(size: $n) { items { ...m } } } fragment m on Neuron { morphology { nodes } }';
    expect(count(query, { n: 7 })).toBe(8);
    expect(count('{ search { items { morphology { nodes } } } }')).toBe(21);
    expect(count('{ neurons(ids: [1, 2, 3]) { morphology { nodes } measurement { length } } }')).toBe(5);
    expect(count('{ searchConnection(first: 30) { edges { node { morphology { nodes } } } } }')).toBe(32);
  });

  it('keeps batched fields at one request per selection', () => {
    expect(count('{ search(size: 500) { items { measurement { length } } } }')).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/replica/json.js';
import { compileQuery } from '../../../src/replica/query/compile-query.js';
import {
  createMorphometryFieldIndex,
  createNeuronFieldIndex,
} from '../../../src/replica/query/index-fields.js';
import { parseQuery } from '../../../src/replica/query/parse-query.js';
import { parseSort, sortBy } from '../../../src/replica/query/sort.js';

const fields = createNeuronFieldIndex();
const doc = (overrides: JsonObject): JsonObject => ({
  neuron_id: 1,
  neuron_name: 'cnic_001',
  species: 'monkey',
  strain: 'Rhesus',
  brain_region: ['neocortex', 'prefrontal', 'layer 3'],
  cell_type: ['Local projecting', 'pyramidal', 'principal cell'],
  min_age: '24.0',
  scientific_name: null,
  ...overrides,
});
const matches = (query: string, d: JsonObject): boolean => compileQuery(parseQuery(query), fields)(d);

describe('compileQuery', () => {
  it('matches case-insensitively, any alternative', () => {
    expect(matches('species:Monkey', doc({}))).toBe(true);
    expect(matches('species:cat,rat,monkey', doc({}))).toBe(true);
    expect(matches('species:cat,rat', doc({}))).toBe(false);
  });

  it('matches an array field when any element matches', () => {
    expect(matches('brain_region:layer 3', doc({}))).toBe(true);
    expect(matches('brain_region:layer?3', doc({}))).toBe(true);
    expect(matches('cell_type:interneuron', doc({}))).toBe(false);
  });

  it('compares numeric fields as numbers, not prefixes', () => {
    expect(matches('neuron_id:1', doc({}))).toBe(true);
    expect(matches('neuron_id:1', doc({ neuron_id: 10 }))).toBe(false);
    expect(matches('neuron_id:1,10', doc({ neuron_id: 10 }))).toBe(true);
    expect(matches('min_age:24', doc({}))).toBe(true);
    expect(matches('neuron_id:[5 TO 10]', doc({ neuron_id: 10 }))).toBe(true);
    expect(matches('neuron_id:[5 TO 10}', doc({ neuron_id: 10 }))).toBe(false);
  });

  it('resolves field names case-insensitively, with hierarchy levels', () => {
    expect(matches('Neuron_id:1', doc({}))).toBe(true);
    expect(matches('SPECIES:monkey', doc({}))).toBe(true);
    expect(matches('brain_region_2:prefrontal', doc({}))).toBe(true);
    expect(matches('cell_type_1:principal cell', doc({}))).toBe(true);
  });

  it('wildcards cover the whole value', () => {
    expect(matches('neuron_name:cnic_*', doc({}))).toBe(true);
    expect(matches('neuron_name:*001', doc({}))).toBe(true);
    expect(matches('neuron_name:nic*', doc({}))).toBe(false);
    expect(matches('scientific_name:*', doc({}))).toBe(false);
    expect(matches('species:*', doc({}))).toBe(true);
  });

  it('combines with AND, OR, NOT and *:*', () => {
    expect(matches('*:*', doc({}))).toBe(true);
    expect(matches('species:monkey AND strain:Macaque', doc({}))).toBe(false);
    expect(matches('species:cat OR strain:Rhesus', doc({}))).toBe(true);
    expect(matches('(species:cat OR species:monkey) AND NOT strain:Macaque', doc({}))).toBe(true);
  });

  it('rejects an unknown field with a 400', () => {
    expect(() => matches('colour:red', doc({}))).toThrow(
      expect.objectContaining({ code: 'REPLICA_UNKNOWN_FIELD', status: 400 }),
    );
  });

  it('knows the morphometry fields, including the Neuron_id spelling', () => {
    const predicate = compileQuery(parseQuery('Neuron_id:1,2,3'), createMorphometryFieldIndex());
    expect(predicate({ neuron_id: 2, neuron_name: 'x' })).toBe(true);
    expect(predicate({ neuron_id: 20, neuron_name: 'x' })).toBe(false);
  });
});

describe('sort', () => {
  const docs = [
    doc({ neuron_id: 10, min_age: 'Not Reported' }),
    doc({ neuron_id: 2, min_age: '8.0' }),
    doc({ neuron_id: 1, min_age: '24.0' }),
  ];

  it('sorts numeric fields as numbers, text after numbers, both directions', () => {
    const ids = (sort: string) => sortBy(docs, parseSort([sort], fields), (d) => d).map((d) => d.neuron_id);
    expect(ids('neuron_id,asc')).toEqual([1, 2, 10]);
    expect(ids('neuron_id,desc')).toEqual([10, 2, 1]);
    expect(ids('min_age')).toEqual([2, 1, 10]);
  });

  it("accepts swcgeom's doubled property form", () => {
    expect(parseSort(['neuron_id,neuron_id,asc'], fields).map((o) => [o.property, o.direction])).toEqual([
      ['neuron_id', 'asc'],
      ['neuron_id', 'asc'],
    ]);
  });

  it('refuses multi-valued and unknown fields', () => {
    expect(() => parseSort(['brain_region,asc'], fields)).toThrow(/multivalued/);
    expect(() => parseSort(['colour,asc'], fields)).toThrow(/undefined field colour/);
  });
});

import { describe, expect, it } from 'vitest';
import { ReplicaRequestError } from '../../../src/replica/errors.js';
import { parseQuery } from '../../../src/replica/query/parse-query.js';

const text = (value: string) => ({ kind: 'text', text: value });

describe('parseQuery', () => {
  it('reads field:value', () => {
    expect(parseQuery('species:cat')).toEqual({ kind: 'term', field: 'species', values: [text('cat')] });
  });

  it('reads comma-separated alternatives (recorded form)', () => {
    expect(parseQuery('species:cat,rat,monkey')).toEqual({
      kind: 'term',
      field: 'species',
      values: [text('cat'), text('rat'), text('monkey')],
    });
  });

  it('keeps unquoted spaces inside a value (recorded: stain:lucifer yellow)', () => {
    expect(parseQuery('stain:lucifer yellow')).toEqual({
      kind: 'term',
      field: 'stain',
      values: [text('lucifer yellow')],
    });
    expect(parseQuery('brain_region:layer 3 ')).toEqual({
      kind: 'term',
      field: 'brain_region',
      values: [text('layer 3')],
    });
  });

  it('turns * and ? into a wildcard pattern, escaping the rest', () => {
    expect(parseQuery('neuron_name:CB_CKp25_2w_F_Animal01_*')).toEqual({
      kind: 'term',
      field: 'neuron_name',
      values: [{ kind: 'glob', source: 'CB_CKp25_2w_F_Animal01_.*' }],
    });
    expect(parseQuery('brain_region:layer?3')).toEqual({
      kind: 'term',
      field: 'brain_region',
      values: [{ kind: 'glob', source: 'layer.3' }],
    });
    expect(parseQuery('reference_doi:10.1016*')).toEqual({
      kind: 'term',
      field: 'reference_doi',
      values: [{ kind: 'glob', source: '10\\.1016.*' }],
    });
  });

  it('reads the reference client forms: AND, OR, parentheses, *:*', () => {
    expect(parseQuery('*:*')).toEqual({ kind: 'all' });
    expect(parseQuery('species:mouse AND brain_region:cerebellum')).toEqual({
      kind: 'and',
      nodes: [
        { kind: 'term', field: 'species', values: [text('mouse')] },
        { kind: 'term', field: 'brain_region', values: [text('cerebellum')] },
      ],
    });
    expect(parseQuery('(species:mouse OR species:rat) AND cell_type:pyramidal')).toEqual({
      kind: 'and',
      nodes: [
        {
          kind: 'or',
          nodes: [
            { kind: 'term', field: 'species', values: [text('mouse')] },
            { kind: 'term', field: 'species', values: [text('rat')] },
          ],
        },
        { kind: 'term', field: 'cell_type', values: [text('pyramidal')] },
      ],
    });
  });

  it('gives AND precedence over OR', () => {
    expect(parseQuery('a:1 OR b:2 AND c:3')).toEqual({
      kind: 'or',
      nodes: [
        { kind: 'term', field: 'a', values: [text('1')] },
        {
          kind: 'and',
          nodes: [
            { kind: 'term', field: 'b', values: [text('2')] },
            { kind: 'term', field: 'c', values: [text('3')] },
          ],
        },
      ],
    });
  });

  it('treats juxtaposed clauses as OR (Solr default operator)', () => {
    expect(parseQuery('species:mouse brain_region:cerebellum')).toEqual({
      kind: 'or',
      nodes: [
        { kind: 'term', field: 'species', values: [text('mouse')] },
        { kind: 'term', field: 'brain_region', values: [text('cerebellum')] },
      ],
    });
  });

  it('reads quoted phrases literally, wildcards and commas included', () => {
    expect(parseQuery('domain:"Dendrites, Soma, Axon"')).toEqual({
      kind: 'term',
      field: 'domain',
      values: [text('Dendrites, Soma, Axon')],
    });
    expect(parseQuery('neuron_name:"a*b",x')).toEqual({
      kind: 'term',
      field: 'neuron_name',
      values: [text('a*b'), text('x')],
    });
    expect(parseQuery('note:"say \\"hi\\""')).toEqual({
      kind: 'term',
      field: 'note',
      values: [text('say "hi"')],
    });
  });

  it('keeps balanced parentheses inside a value (species "Praying mantis (Hierodula membranacea)")', () => {
    expect(parseQuery('species:Praying mantis (Hierodula membranacea)')).toEqual({
      kind: 'term',
      field: 'species',
      values: [text('Praying mantis (Hierodula membranacea)')],
    });
    expect(parseQuery('(reference_doi:10.1016/S0306-4522(02)00305-6)')).toEqual({
      kind: 'term',
      field: 'reference_doi',
      values: [text('10.1016/S0306-4522(02)00305-6')],
    });
  });

  it('reads Solr field grouping: species:(mouse OR rat)', () => {
    expect(parseQuery('species:(mouse OR "guinea pig")')).toEqual({
      kind: 'or',
      nodes: [
        { kind: 'term', field: 'species', values: [text('mouse')] },
        { kind: 'term', field: 'species', values: [text('guinea pig')] },
      ],
    });
  });

  it('reads escapes, NOT and ranges', () => {
    expect(parseQuery('neuron_name:a\\*b\\,c')).toEqual({
      kind: 'term',
      field: 'neuron_name',
      values: [text('a*b,c')],
    });
    expect(parseQuery('NOT species:cat')).toEqual({
      kind: 'not',
      node: { kind: 'term', field: 'species', values: [text('cat')] },
    });
    expect(parseQuery('neuron_id:[10 TO *}')).toEqual({
      kind: 'range',
      field: 'neuron_id',
      lower: '10',
      upper: null,
      includeLower: true,
      includeUpper: false,
    });
  });

  it.each([
    ['', 'empty query'],
    ['species', 'expected field:value'],
    ['species:', 'empty value'],
    ['(species:cat', "expected ')'"],
    ['species:cat)', "unexpected ')'"],
    ['species:cat AND', 'expected a clause'],
    ['species:"cat', 'unterminated quoted value'],
    ['neuron_id:[1 5]', "needs 'a TO b'"],
    ['species:cat\\', 'dangling escape'],
    ['mouse', 'expected field:value'],
    ['species:a(b', "unbalanced '('"],
    ['species:(cat', "expected ')'"],
  ])('rejects %j with a 400 query-syntax error (%s)', (query, message) => {
    let caught: unknown;
    try {
      parseQuery(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ReplicaRequestError);
    expect(caught).toMatchObject({ code: 'REPLICA_QUERY_SYNTAX', status: 400 });
    expect((caught as Error).message).toContain(message);
  });
});

import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maxFragmentSpreadsRule } from '../../../src/server/limits/fragment-spreads-rule.js';
import { fragmentBomb } from './fragment-bombs.js';

const schema = buildSchema('type Query { neuronFields: [String!]!, other: Query }');

function spreadErrors(query: string, max: number) {
  return validate(schema, parse(query), [maxFragmentSpreadsRule(max, 'TOO_MANY_FRAGMENT_SPREADS')]).filter(
    (error) => error.extensions.code === 'TOO_MANY_FRAGMENT_SPREADS',
  );
}

describe('maxFragmentSpreadsRule', () => {
  it('counts each spread once per path that reaches it', () => {
    // F3 expands to 2 + 4 + 8 spreads, plus the one in the operation: 15.
    expect(spreadErrors(fragmentBomb(3), 15)).toEqual([]);
    const [error] = spreadErrors(fragmentBomb(3), 14);
    expect(error?.extensions).toMatchObject({ code: 'TOO_MANY_FRAGMENT_SPREADS', limit: 14 });
  });

  it('counts spreads inside fields and inline fragments', () => {
    const query =
      '{ other { ...F ... on Query { ...F } } } fragment F on Query { neuronFields other { ...G } } ' +
      'fragment G on Query { neuronFields }';
    expect(spreadErrors(query, 4)).toEqual([]);
    expect(spreadErrors(query, 3)).toHaveLength(1);
  });

  it("accepts GraphiQL's introspection query under the default limit", async () => {
    const { getIntrospectionQuery } = await import('graphql');
    expect(spreadErrors(getIntrospectionQuery({ descriptions: true }), 1000)).toEqual([]);
  });

  it('refuses a 500-level fragment bomb without expanding it', () => {
    expect(spreadErrors(fragmentBomb(500), 1000)).toHaveLength(1);
  });

  it('terminates on cyclic fragments', () => {
    const query = '{ ...A } fragment A on Query { other { ...B } } fragment B on Query { ...A }';
    expect(spreadErrors(query, 1000)).toEqual([]);
  });
});

import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maxDepthRule } from '../../../src/server/limits/depth-rule.js';
import { fragmentBomb } from './fragment-bombs.js';

const schema = buildSchema(`
  type Query { node: Node, neuronFields: [String!]! }
  type Node { name: String, child: Node }
`);

function depthErrors(query: string, max: number) {
  return validate(schema, parse(query), [maxDepthRule(max, 'QUERY_TOO_DEEP')]).filter(
    (error) => error.extensions.code === 'QUERY_TOO_DEEP',
  );
}

/** The deepest depth the rule accepts for `query` (the smallest limit it passes under). */
function measuredDepth(query: string): number {
  let max = 0;
  while (depthErrors(query, max).length > 0) max++;
  return max;
}

describe('maxDepthRule', () => {
  it('counts fields through inline fragments and fragment spreads', () => {
    expect(measuredDepth('{ node { name } }')).toBe(2);
    expect(measuredDepth('{ node { ... on Node { child { name } } } }')).toBe(3);
    expect(measuredDepth('{ node { ...Deep } } fragment Deep on Node { child { child { name } } }')).toBe(4);
  });

  it('measures a fragment spread at several depths by its deepest use', () => {
    const query = '{ node { ...Two child { child { ...Two } } } } fragment Two on Node { child { name } }';
    expect(measuredDepth(query)).toBe(5);
  });

  it('refuses past the limit with the code and the limit', () => {
    const [error] = depthErrors('{ node { child { child { name } } } }', 3);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', limit: 3 });
  });

  it('terminates on cyclic fragments (reported by graphql-js as a cycle)', () => {
    const query = '{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { name ...A }';
    expect(measuredDepth(query)).toBeGreaterThanOrEqual(2);
  });

  it('measures a 200-level fragment bomb (2^200 paths) by visiting each fragment once', () => {
    // Walked once per path this would never finish; measured per fragment it is immediate.
    const nested = fragmentBomb(200, 'child { child { name } }', 'Node');
    expect(measuredDepth(`{ node { ...F200 } } ${nested.slice(nested.indexOf('fragment'))}`)).toBe(4);
    expect(depthErrors(fragmentBomb(200), 16)).toEqual([]);
  });
});

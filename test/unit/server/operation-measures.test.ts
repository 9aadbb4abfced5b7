import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../../src/schema/schema.js';
import { createOperationMeasurer } from '../../../src/server/limits/operation-measures.js';

const schema = buildSchema();
const document = parse(`
  query Page($size: Int!, $page: Int!) {
    search(q: "species:rat", size: $size, page: $page) { items { name measurement { length } } }
  }
`);
const operation = getOperationAST(document);
if (!operation) throw new Error('no operation');

describe('operation measures', () => {
  it('measure again when a declared variable changes, not when an undeclared one does', () => {
    const measure = createOperationMeasurer();
    const at = (variables: Record<string, unknown>) => measure({ schema, document, operation, variables });
    const small = at({ size: 10, page: 0, nonce: 1 });
    expect(at({ size: 10, page: 0, nonce: 2 })).toBe(small);
    const large = at({ size: 400, page: 0 });
    expect(large.complexity).toBeGreaterThan(small.complexity * 10);
    expect(at({ size: 10, page: 0 })).toEqual(small);
    expect(small.upstream).toBe(2);
  });

  it('keeps a bounded number of variable combinations per document, and stays right past it', () => {
    const measure = createOperationMeasurer();
    const first = measure({ schema, document, operation, variables: { size: 1, page: 0 } });
    for (let page = 1; page <= 200; page++)
      measure({ schema, document, operation, variables: { size: 1, page } });
    const again = measure({ schema, document, operation, variables: { size: 1, page: 0 } });
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

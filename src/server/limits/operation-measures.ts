import { hash } from 'node:crypto';
import { createComplexityRule } from '@pothos/plugin-complexity';
import { type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, validate } from 'graphql';
import { countUpstreamRequests } from './upstream-requests.js';

/** What the per-request limits compare with their bounds. */
export interface OperationMeasures {
  breadth: number;
  complexity: number;
  /** The most NeuroMorpho requests the operation may cause. */
  upstream: number;
}

interface RequestShape {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The variables as sent (those the operation does not declare are ignored). */
  variables: Record<string, unknown>;
}

// Variable combinations remembered per document: a page browser asks for a few dozen pages, a script
// walking ids would otherwise grow one document's memo without bound.
const MAX_COMBINATIONS_PER_DOCUMENT = 64;

/**
 * Breadth, cost and upstream requests of an operation, measured once per document, operation and
 * values of the variables it declares. They depend on nothing else: every complexity in the schema is
 * a function of field arguments, and the upstream count reads arguments only. Measuring walks the whole
 * document (graphql-js `validate` with Pothos' complexity rule), which cost as much as 7 % of a warm
 * request when done on every request.
 */
export function createOperationMeasurer(): (shape: RequestShape) => OperationMeasures {
  const byDocument = new WeakMap<
    DocumentNode,
    { schema: GraphQLSchema; measures: Map<string, OperationMeasures> }
  >();
  return ({ schema, document, operation, variables }) => {
    let memo = byDocument.get(document);
    if (memo?.schema !== schema) {
      memo = { schema, measures: new Map() };
      byDocument.set(document, memo);
    }
    const declared = (operation.variableDefinitions ?? []).map((definition) => {
      const value = variables[definition.variable.name.value];
      return value === undefined ? null : [value];
    });
    // Hashed: variables may be large (100,000 ids), and 64 of them kept per document would add up.
    const key = hash(
      'sha256',
      `${operation.name?.value ?? ''}\u0000${JSON.stringify(declared)}`,
      'base64url',
    );
    const known = memo.measures.get(key);
    if (known) return known;
    const measures = measure(schema, document, operation, variables);
    if (memo.measures.size >= MAX_COMBINATIONS_PER_DOCUMENT) memo.measures.clear();
    memo.measures.set(key, measures);
    return measures;
  };
}

function measure(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): OperationMeasures {
  const measures: OperationMeasures = {
    breadth: 0,
    complexity: 0,
    upstream: countUpstreamRequests(schema, document, operation, variables),
  };
  const rule = createComplexityRule({
    // No complexity in the schema reads the context (see above); the rule's type asks for one.
    context: {},
    variableValues: variables,
    operationName: operation.name?.value ?? null,
    validate(result) {
      measures.breadth = result.breadth;
      measures.complexity = result.complexity;
    },
  });
  validate(schema, document, [rule]);
  return measures;
}

import { GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { maxAliasesRule, maxDirectivesRule } from './count-rules.js';
import { maxDepthRule } from './depth-rule.js';
import { maxFragmentSpreadsRule } from './fragment-spreads-rule.js';
import { createOperationMeasurer } from './operation-measures.js';
import { LIMIT_CODES, type QueryLimits, UPSTREAM_REQUEST_COST } from './query-limits.js';
import { assertTokenLimit } from './token-limit.js';

/**
 * Enforces the query limits, each with a stable code: tokens before parsing; aliases, directives,
 * fragment spreads and depth during validation (they depend on the document only, so yoga caches the
 * verdict with the document); breadth, cost and upstream requests before execution, since they depend
 * on the variables of each request (measured once per document and variable values: operation-measures.ts).
 */
export function useQueryLimits(limits: QueryLimits): Plugin {
  // Upstream requests already granted to each HTTP request: the operations of a batch share its Request.
  const granted = new WeakMap<Request, number>();
  const measure = createOperationMeasurer();
  return {
    onParse({ params, setParseFn, parseFn }) {
      const source = typeof params.source === 'string' ? params.source : params.source.body;
      setParseFn((text, options) => {
        assertTokenLimit(source, limits.maxTokens, LIMIT_CODES.tokens);
        return parseFn(text, { ...options, maxTokens: limits.maxTokens + 1 });
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(maxAliasesRule(limits.maxAliases, LIMIT_CODES.aliases));
      addValidationRule(maxDirectivesRule(limits.maxDirectives, LIMIT_CODES.directives));
      addValidationRule(maxFragmentSpreadsRule(limits.maxFragmentSpreads, LIMIT_CODES.fragmentSpreads));
      addValidationRule(maxDepthRule(limits.maxDepth, LIMIT_CODES.depth));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const { breadth, complexity, upstream } = operation
        ? measure({ schema: args.schema, document: args.document, operation, variables })
        : { breadth: 0, complexity: 0, upstream: 0 };
      const errors: GraphQLError[] = [];
      const checks = [
        ['breadth', breadth, limits.maxBreadth],
        ['complexity', complexity + UPSTREAM_REQUEST_COST * upstream, limits.maxComplexity],
      ] as const;
      for (const [kind, value, max] of checks) {
        if (value > max) {
          errors.push(
            new GraphQLError(`query ${kind} ${value} exceeds the limit of ${max}`, {
              extensions: { code: LIMIT_CODES[kind], limit: max, value },
            }),
          );
        }
      }
      const request = (args.contextValue as { request?: Request }).request;
      const before = request ? (granted.get(request) ?? 0) : 0;
      if (before + upstream > limits.maxUpstreamRequests) {
        errors.push(
          new GraphQLError(
            `the request may cause ${before + upstream} NeuroMorpho requests, over the limit of ` +
              `${limits.maxUpstreamRequests} for one HTTP request (a batch counts as one)`,
            { extensions: { code: LIMIT_CODES.upstreamRequests, limit: limits.maxUpstreamRequests } },
          ),
        );
      }
      if (errors.length > 0) {
        setResultAndStopExecution({ errors });
        return;
      }
      if (request) granted.set(request, before + upstream);
    },
  };
}

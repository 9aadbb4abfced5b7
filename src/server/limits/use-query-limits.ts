import { createComplexityRule } from '@pothos/plugin-complexity';
import { GraphQLError, validate } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { maxAliasesRule, maxDirectivesRule } from './count-rules.js';
import { maxDepthRule } from './depth-rule.js';
import { LIMIT_CODES, type QueryLimits } from './query-limits.js';
import { assertTokenLimit } from './token-limit.js';

/**
 * Enforces the query limits, each with a stable code: tokens before parsing; aliases, directives and
 * depth during validation (they depend on the document only, so yoga caches the verdict with the
 * document); breadth and cost (search and connection sizes count) before execution, since they depend
 * on the variables of each request.
 */
export function useQueryLimits(limits: QueryLimits): Plugin {
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
      addValidationRule(maxDepthRule(limits.maxDepth, LIMIT_CODES.depth));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const rule = createComplexityRule({
        context: args.contextValue as object,
        variableValues: (args.variableValues ?? {}) as Record<string, unknown>,
        operationName: args.operationName ?? null,
        validate(result, reportError) {
          const checks = [
            ['breadth', result.breadth, limits.maxBreadth],
            ['complexity', result.complexity, limits.maxComplexity],
          ] as const;
          for (const [kind, value, max] of checks) {
            if (value > max) {
              reportError(
                new GraphQLError(`query ${kind} ${value} exceeds the limit of ${max}`, {
                  extensions: { code: LIMIT_CODES[kind], limit: max, value },
                }),
              );
            }
          }
        },
      });
      const errors = validate(args.schema, args.document, [rule]);
      if (errors.length > 0) setResultAndStopExecution({ errors });
    },
  };
}

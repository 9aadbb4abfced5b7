import { createComplexityRule } from '@pothos/plugin-complexity';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { maxAliasesRule, maxDirectivesRule } from './count-rules.js';
import { maxDepthRule } from './depth-rule.js';
import { LIMIT_CODES, type QueryLimits } from './query-limits.js';
import { assertTokenLimit } from './token-limit.js';

interface RequestParams {
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/**
 * Enforces the query limits: tokens before parsing, then aliases, directives, depth, breadth and
 * cost (search and connection sizes count) during validation, each with a stable code.
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
    onValidate({ addValidationRule, context }) {
      const params = (context as { params?: RequestParams }).params ?? {};
      addValidationRule(maxAliasesRule(limits.maxAliases, LIMIT_CODES.aliases));
      addValidationRule(maxDirectivesRule(limits.maxDirectives, LIMIT_CODES.directives));
      addValidationRule(maxDepthRule(limits.maxDepth, LIMIT_CODES.depth));
      addValidationRule(
        createComplexityRule({
          context,
          variableValues: params.variables ?? {},
          operationName: params.operationName ?? null,
          validate(result, reportError) {
            // Depth is checked by maxDepthRule, which also sees introspection fields.
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
        }),
      );
    },
  };
}

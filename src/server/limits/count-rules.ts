import { GraphQLError, type ValidationRule } from 'graphql';

/** Rejects documents with more than `max` aliased fields (the "10,000 aliases" attack). */
export function maxAliasesRule(max: number, code: string): ValidationRule {
  return (context) => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias && ++aliases === max + 1) {
          context.reportError(
            new GraphQLError(`more than ${max} aliases`, { nodes: [node], extensions: { code, limit: max } }),
          );
        }
      },
    };
  };
}

/** Rejects documents with more than `max` directives. */
export function maxDirectivesRule(max: number, code: string): ValidationRule {
  return (context) => {
    let directives = 0;
    return {
      Directive(node) {
        if (++directives === max + 1) {
          context.reportError(
            new GraphQLError(`more than ${max} directives`, {
              nodes: [node],
              extensions: { code, limit: max },
            }),
          );
        }
      },
    };
  };
}

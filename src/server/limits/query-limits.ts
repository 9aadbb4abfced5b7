/** Per-request limits on a GraphQL document; each breach has its own error code. */
export interface QueryLimits {
  /** Deepest selection, introspection included (GraphiQL's introspection query is 15 deep). @default 16 */
  maxDepth: number;
  /** Total field selections. @default 1000 */
  maxBreadth: number;
  /**
   * Cost: each field 1, multiplied by the sizes asked for (search size, ids, first/last). A page of 500
   * neurons with every field, measurement, URLs and cache status costs about 15000. @default 30000
   */
  maxComplexity: number;
  /** Aliased fields. @default 50 */
  maxAliases: number;
  /** Lexical tokens in the document. @default 5000 */
  maxTokens: number;
  /** Directives in the document. @default 20 */
  maxDirectives: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = Object.freeze({
  maxDepth: 16,
  maxBreadth: 1000,
  maxComplexity: 30_000,
  maxAliases: 50,
  maxTokens: 5000,
  maxDirectives: 20,
});

export const LIMIT_CODES = {
  depth: 'QUERY_TOO_DEEP',
  breadth: 'QUERY_TOO_BROAD',
  complexity: 'QUERY_TOO_COMPLEX',
  aliases: 'TOO_MANY_ALIASES',
  tokens: 'TOO_MANY_TOKENS',
  directives: 'TOO_MANY_DIRECTIVES',
} as const;

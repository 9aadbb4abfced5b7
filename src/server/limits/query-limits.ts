/** Per-request limits on a GraphQL document; each breach has its own error code. */
export interface QueryLimits {
  /** Deepest selection, introspection included (GraphiQL's introspection query is 15 deep). @default 16 */
  maxDepth: number;
  /** Total field selections. @default 1000 */
  maxBreadth: number;
  /**
   * Cost: each field 1, multiplied by the sizes asked for (search size, ids, first/last), plus
   * UPSTREAM_REQUEST_COST for every NeuroMorpho request the operation may cause. A page of 500 neurons
   * with every field, measurement, URLs and cache status costs about 16000. @default 30000
   */
  maxComplexity: number;
  /** Aliased fields. @default 50 */
  maxAliases: number;
  /** Lexical tokens in the document. @default 5000 */
  maxTokens: number;
  /** Directives in the document. @default 20 */
  maxDirectives: number;
  /** Fragment spreads in one operation once fragments are expanded where they are spread. @default 1000 */
  maxFragmentSpreads: number;
  /**
   * NeuroMorpho requests one HTTP request may cause, summed over the operations of a batch (an upper
   * bound counted from the document before execution). @default 100 (a mutation of 20 aliased
   * downloads, 4 requests each, fits)
   */
  maxUpstreamRequests: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = Object.freeze({
  maxDepth: 16,
  maxBreadth: 1000,
  maxComplexity: 30_000,
  maxAliases: 50,
  maxTokens: 5000,
  maxDirectives: 20,
  maxFragmentSpreads: 1000,
  maxUpstreamRequests: 100,
});

/**
 * What one NeuroMorpho request adds to an operation's cost, whatever is selected under the field that
 * causes it: as much as a page of 300 one-field neurons, so the cost limit alone lets one operation
 * cause at most 100 upstream requests by default, enough for 20 aliased downloads (4 requests each),
 * while 50 aliases of `search(size: 500) { totalElements }` (cheap to select, 50 pages of 500 records
 * to fetch) are over it.
 */
export const UPSTREAM_REQUEST_COST = 300;

export const LIMIT_CODES = {
  depth: 'QUERY_TOO_DEEP',
  breadth: 'QUERY_TOO_BROAD',
  complexity: 'QUERY_TOO_COMPLEX',
  aliases: 'TOO_MANY_ALIASES',
  tokens: 'TOO_MANY_TOKENS',
  directives: 'TOO_MANY_DIRECTIVES',
  fragmentSpreads: 'TOO_MANY_FRAGMENT_SPREADS',
  upstreamRequests: 'TOO_MANY_UPSTREAM_REQUESTS',
} as const;

import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import {
  createYoga,
  maskError as defaultMaskError,
  type GraphiQLOptions,
  type Plugin,
  type YogaServerInstance,
} from 'graphql-yoga';
import type { Logger } from '../logger.js';
import type { GatewayContext } from '../schema/context.js';
import { createCorsPolicy, useVaryOnOrigin } from './cors-policy.js';
import { DEFAULT_QUERY } from './default-query.js';
import type { QueryLimits } from './limits/query-limits.js';
import { useQueryLimits } from './limits/use-query-limits.js';
import type { Metrics } from './metrics.js';
import { useAllowList } from './persisted-operations.js';
import type { GatewayServerContext } from './plugins/server-context.js';
import { useAnswerEtag } from './plugins/use-answer-etag.js';
import { useBodyLimit } from './plugins/use-body-limit.js';
import { useCompression } from './plugins/use-compression.js';
import { useJsonOnly } from './plugins/use-json-only.js';
import {
  useWholeResponseCache,
  type WholeResponseCacheOptions,
} from './response-cache/use-whole-response-cache.js';
import { toGraphQLError } from './to-graphql-error.js';
import { useIntrospectionDisabled } from './use-introspection-switch.js';
import { useMetrics } from './use-metrics.js';
import { useRequestErrorCodes } from './use-request-error-codes.js';
import { useStaleMarker } from './use-stale-marker.js';
import { useUnexpectedErrorLog } from './use-unexpected-error-log.js';

export interface YogaOptions {
  schema: GraphQLSchema;
  context: (initial: { request: Request; requestId?: string; clientKey?: string }) => GatewayContext;
  limits: QueryLimits;
  metrics: Metrics;
  /** MAX_BODY_BYTES: largest request body (413 BODY_TOO_LARGE above). @default 1048576 */
  maxBodyBytes: number;
  /** Operations allowed in one HTTP batch. @default 10 */
  maxBatchOperations: number;
  introspection: boolean;
  /** When set, only these operations (id -> query) run. */
  persistedOperations: Map<string, string> | null;
  /** Where the causes of masked ("Unexpected error.") failures are logged, with the request id. */
  logger?: Logger;
  /** Renders GraphiQL's page (static, hashed assets served beside it). */
  renderGraphiQL: (options: GraphiQLOptions) => Promise<string>;
  /** CORS_ORIGINS: origins whose pages may read answers (see cors-policy.ts). */
  corsOrigins: readonly string[];
  /** Whole answers to repeated queries (RESPONSE_CACHE); null when off. */
  responseCache?: WholeResponseCacheOptions | null;
}

/** Typed upstream and input errors become stable codes; everything else stays masked. */
function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const mapped = toGraphQLError(original);
  if (mapped && error instanceof GraphQLError) {
    return new GraphQLError(mapped.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions: mapped.extensions,
    });
  }
  return defaultMaskError(error, message, isDev);
}

export function createGatewayYoga(
  options: YogaOptions,
): YogaServerInstance<GatewayServerContext, GatewayContext> {
  const plugins: Plugin[] = [
    // What reaches execution: JSON only, within the body limit. Then what leaves: ETag, compression.
    useJsonOnly(),
    useBodyLimit(options.maxBodyBytes),
    useAnswerEtag(),
    useCompression(),
    useQueryLimits(options.limits),
    useMetrics(options.metrics),
    useStaleMarker(),
    useRequestErrorCodes(),
    // @defer and @stream: a frontend can show a page of neurons before their measurements arrive.
    useDeferStream(),
    useVaryOnOrigin(),
  ];
  if (options.logger) plugins.push(useUnexpectedErrorLog(options.logger));
  if (!options.introspection) plugins.push(useIntrospectionDisabled());
  if (options.persistedOperations) plugins.push(useAllowList(options.persistedOperations));
  // After the allow-list, which fills in the document of a persisted operation the key is built from.
  if (options.responseCache) plugins.push(...useWholeResponseCache(options.responseCache));
  return createYoga<GatewayServerContext, GatewayContext>({
    schema: options.schema,
    context: options.context,
    graphqlEndpoint: '/graphql',
    // GraphiQL served by the gateway itself: the default one loads its code from a CDN, which offline labs
    // cannot reach.
    graphiql: options.introspection ? { title: 'neuromorpho-gateway', defaultQuery: DEFAULT_QUERY } : false,
    renderGraphiQL: options.renderGraphiQL,
    landingPage: false,
    cors: createCorsPolicy(options.corsOrigins),
    batching: { limit: options.maxBatchOperations },
    // useBodyLimit has read and bounded the body already (with the project's code and a readable 413).
    maxRequestBodySize: false,
    maskedErrors: { maskError },
    logging: false,
    plugins,
  });
}

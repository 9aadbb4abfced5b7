import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import {
  createYoga,
  maskError as defaultMaskError,
  type Plugin,
  type YogaServerInstance,
} from 'graphql-yoga';
import type { GatewayContext } from '../schema/context.js';
import { DEFAULT_QUERY } from './default-query.js';
import type { QueryLimits } from './limits/query-limits.js';
import { useQueryLimits } from './limits/use-query-limits.js';
import type { Metrics } from './metrics.js';
import { useAllowList } from './persisted-operations.js';
import { toGraphQLError } from './to-graphql-error.js';
import { useIntrospectionDisabled } from './use-introspection-switch.js';
import { useMetrics } from './use-metrics.js';
import { useRequestErrorCodes } from './use-request-error-codes.js';
import { useStaleMarker } from './use-stale-marker.js';

export interface ServerContext {
  requestId: string;
}

export interface YogaOptions {
  schema: GraphQLSchema;
  context: (initial: { request: Request; requestId?: string }) => GatewayContext;
  limits: QueryLimits;
  metrics: Metrics;
  /** Operations allowed in one HTTP batch. @default 10 */
  maxBatchOperations: number;
  introspection: boolean;
  /** When set, only these operations (id -> query) run. */
  persistedOperations: Map<string, string> | null;
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

export function createGatewayYoga(options: YogaOptions): YogaServerInstance<ServerContext, GatewayContext> {
  const plugins: Plugin[] = [
    useQueryLimits(options.limits),
    useMetrics(options.metrics),
    useStaleMarker(),
    useRequestErrorCodes(),
  ];
  if (!options.introspection) plugins.push(useIntrospectionDisabled());
  if (options.persistedOperations) plugins.push(useAllowList(options.persistedOperations));
  return createYoga<ServerContext, GatewayContext>({
    schema: options.schema,
    context: options.context,
    graphqlEndpoint: '/graphql',
    // GraphiQL bundled into the page: the default one loads its code from a CDN, which offline labs cannot reach.
    graphiql: options.introspection ? { title: 'neuromorpho-gateway', defaultQuery: DEFAULT_QUERY } : false,
    renderGraphiQL,
    landingPage: false,
    batching: { limit: options.maxBatchOperations },
    maskedErrors: { maskError },
    logging: false,
    plugins,
  });
}

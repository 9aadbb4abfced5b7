import { createServerAdapter } from '@whatwg-node/server';
import type { YogaServerInstance } from 'graphql-yoga';
import type { DatasetOutputSource } from '../datasets/outputs/dataset-output.js';
import type { Logger } from '../logger.js';
import type { GatewayContext } from '../schema/context.js';
import { createRefusalCorsHeaders } from './cors-policy.js';
import type { GraphiQLAssets } from './graphiql-assets.js';
import type { HostTrust } from './host-trust.js';
import type { Metrics } from './metrics.js';
import type { GatewayServerContext } from './plugins/server-context.js';
import { useAccessLog } from './plugins/use-access-log.js';
import { useCachedFiles } from './plugins/use-cached-files.js';
import { useDatasetFiles } from './plugins/use-dataset-files.js';
import { useGraphiQLAssets } from './plugins/use-graphiql-assets.js';
import { useHealth } from './plugins/use-health.js';
import { useHostGuard } from './plugins/use-host-guard.js';
import { useMetricsEndpoint } from './plugins/use-metrics-endpoint.js';
import { type MorphologyRouteOptions, useMorphologyRoutes } from './plugins/use-morphology-routes.js';
import { useNotFound } from './plugins/use-not-found.js';
import { useRateLimit } from './plugins/use-rate-limit.js';
import { useReadiness } from './plugins/use-readiness.js';
import { useRequestId } from './plugins/use-request-id.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ReadinessReport } from './readiness.js';

export interface HttpFrontOptions {
  yoga: YogaServerInstance<GatewayServerContext, GatewayContext>;
  /** Which Host values are this gateway's (DNS rebinding guard). */
  hosts: HostTrust;
  trustProxy: boolean;
  /** A request presenting it is rate-limited on its own; other tokens count as nothing. */
  adminToken: string | null;
  /** Null when the rate limit is off. */
  rateLimiter: RateLimiter | null;
  /** CORS_ORIGINS, for the answers made here rather than by yoga (a 429). */
  corsOrigins: readonly string[];
  readiness(): Promise<ReadinessReport>;
  metrics: Metrics;
  logger: Logger;
  /** GraphiQL's static files; null when GraphiQL is off. */
  graphiqlAssets: GraphiQLAssets | null;
  /** CACHE_DIR, whose files `/files/...` serves; null when the disk cache is off. */
  cacheDir: string | null;
  /** `/neurons/{id}/morphology.svg|.png` and `/neurons/{id}/standard.swc`. */
  morphology: Omit<MorphologyRouteOptions, 'logger'>;
  /** `/datasets/{id}/manifest.csv|manifest.json` and `/datasets/{id}.zip`; absent when datasets are off. */
  datasets?: DatasetOutputSource | null;
}

/**
 * The gateway's HTTP front: whatwg-node's server adapter (the one yoga is built on) with one plugin per
 * concern, in the order they must run, and yoga as its handler for what is left: GraphQL requests.
 * yoga runs its own built-in routes (its health check on any path ending in `/health`, CORS preflights,
 * the GraphiQL page) before any plugin of its own, so the host guard, which must cover every route,
 * could not come first inside yoga; in front of it, it does, and yoga only ever sees `/graphql`.
 */
export function createHttpFront(options: HttpFrontOptions) {
  const { yoga } = options;
  return createServerAdapter<GatewayServerContext>(
    (request, context) => yoga.handleRequest(request, context),
    {
      fetchAPI: yoga.fetchAPI,
      plugins: [
        useRequestId(),
        useAccessLog(options.logger, options.metrics),
        useHostGuard(options.hosts, options.trustProxy),
        useHealth(),
        useReadiness(options.readiness),
        useMetricsEndpoint(options.metrics.registry),
        useGraphiQLAssets(options.graphiqlAssets),
        useCachedFiles(options.cacheDir),
        // Read from the cache root like /files, so before the rate limit with it.
        useDatasetFiles(
          options.datasets && options.cacheDir !== null
            ? { datasets: options.datasets, root: options.cacheDir, logger: options.logger }
            : null,
        ),
        // The morphology routes cost NeuroMorpho requests and pool time, so they come after the rate
        // limit, and the 404 for other paths after them (those paths are now counted too).
        useRateLimit({
          limiter: options.rateLimiter,
          trustProxy: options.trustProxy,
          adminToken: options.adminToken,
          onRefused: () => options.metrics.rateLimited.inc(),
          refusalHeaders: createRefusalCorsHeaders(options.corsOrigins, yoga.graphqlEndpoint),
        }),
        useMorphologyRoutes({ ...options.morphology, logger: options.logger }),
        useNotFound(yoga.graphqlEndpoint),
      ],
    },
  );
}

export type HttpFront = ReturnType<typeof createHttpFront>;

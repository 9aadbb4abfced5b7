import type { Logger } from '../../logger.js';
import { GRAPHIQL_ASSET_PREFIX } from '../graphiql-assets.js';
import type { Metrics } from '../metrics.js';
import type { FrontPlugin } from './server-context.js';

type Route = 'graphql' | 'files' | 'graphiql' | 'healthz' | 'readyz' | 'metrics' | 'other';

/** The `route` label: a handful of values, whatever paths clients make up. */
export function routeOf(path: string): Route {
  if (path === '/graphql') return 'graphql';
  if (path.startsWith('/files/')) return 'files';
  if (path.startsWith(GRAPHIQL_ASSET_PREFIX)) return 'graphiql';
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path.slice(1) as Route;
  return 'other';
}

/**
 * One log line per request (id, method, path, status, duration) and the `nmg_http_requests_total`
 * count, both once the Node response has closed, so the status is what was really sent (cached files
 * are written there directly) and the time includes streaming the body. Probes and scrapes are counted,
 * not logged. At a level above info nothing is built for the line at all.
 */
export function useAccessLog(logger: Logger, metrics: Metrics): FrontPlugin {
  return {
    onRequest({ request, url, serverContext }) {
      const response = serverContext.res;
      if (response === undefined) return;
      const started = performance.now();
      const path = url.pathname;
      const route = routeOf(path);
      response.once('close', () => {
        metrics.httpRequests.inc({ route, status: String(response.statusCode) });
        if (route === 'healthz' || route === 'readyz' || route === 'metrics') return;
        if (!logger.isLevelEnabled('info')) return;
        logger.info(
          {
            requestId: serverContext.requestId,
            method: request.method,
            path,
            status: response.statusCode,
            ms: Math.round(performance.now() - started),
          },
          'request',
        );
      });
    },
  };
}

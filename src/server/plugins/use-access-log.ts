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

/** The `nmg_http_requests_total` labels, one object per route and status, so a request allocates none. */
function createLabelsMemo() {
  const byRoute = new Map<Route, Map<number, { route: Route; status: string }>>();
  return (route: Route, statusCode: number) => {
    let byStatus = byRoute.get(route);
    if (byStatus === undefined) {
      byStatus = new Map();
      byRoute.set(route, byStatus);
    }
    let labels = byStatus.get(statusCode);
    if (labels === undefined) {
      // Bounded: 7 routes times the status codes node accepts (100-999).
      labels = { route, status: String(statusCode) };
      byStatus.set(statusCode, labels);
    }
    return labels;
  };
}

const UNLOGGED: ReadonlySet<Route> = new Set(['healthz', 'readyz', 'metrics']);

/**
 * One log line per request (id, method, path, status, duration) and the `nmg_http_requests_total`
 * count, both once the Node response has closed, so the status is what was really sent (cached files
 * are written there directly) and the time includes streaming the body. Probes and scrapes are counted,
 * not logged. At a level above info nothing is built for the line at all. No child logger per request
 * (pino would serialise its bindings each time), shared labels objects, the level read once per request.
 */
export function useAccessLog(logger: Logger, metrics: Metrics): FrontPlugin {
  const labelsOf = createLabelsMemo();
  return {
    onRequest({ request, url, serverContext }) {
      const response = serverContext.res;
      if (response === undefined) return;
      const path = url.pathname;
      const route = routeOf(path);
      if (UNLOGGED.has(route) || !logger.isLevelEnabled('info')) {
        response.once('close', () => metrics.httpRequests.inc(labelsOf(route, response.statusCode)));
        return;
      }
      const started = performance.now();
      const method = request.method;
      response.once('close', () => {
        const status = response.statusCode;
        metrics.httpRequests.inc(labelsOf(route, status));
        logger.info(
          {
            requestId: serverContext.requestId,
            method,
            path,
            status,
            ms: Math.round(performance.now() - started),
          },
          'request',
        );
      });
    },
  };
}

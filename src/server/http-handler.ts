import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { clientKey } from './client-key.js';
import type { Metrics } from './metrics.js';
import { createRateLimiter } from './rate-limiter.js';
import { BodyTooLargeError, discardBody, readBody } from './read-body.js';
import type { ReadinessReport } from './readiness.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';

export interface HttpHandlerOptions {
  /** yoga's fetch handler; the server context carries the request id into the GraphQL context. */
  graphql(request: Request, serverContext: { requestId: string }): Promise<Response>;
  serveFile(request: IncomingMessage, response: ServerResponse): Promise<void>;
  readiness(): Promise<ReadinessReport>;
  metrics: Metrics;
  logger: Logger;
  maxBodyBytes: number;
  rateLimit: { perSecond: number; burst: number } | null;
  trustProxy: boolean;
}

/** A refused body is read and dropped up to this many times the limit, for at most this long. */
const DISCARD_LIMIT_FACTOR = 64;
const DISCARD_TIMEOUT_MS = 10_000;

type Route = 'graphql' | 'files' | 'healthz' | 'readyz' | 'metrics' | 'other';

function routeOf(path: string): Route {
  if (path === '/graphql') return 'graphql';
  if (path.startsWith('/files/')) return 'files';
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path.slice(1) as Route;
  return 'other';
}

/**
 * The origin the client used: behind a trusted proxy the one it forwarded (X-Forwarded-Proto/Host), so
 * that links to cached files and the same-origin check for writes see what the browser sees.
 */
function publicOrigin(request: IncomingMessage, trustProxy: boolean): string {
  const first = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim() || undefined;
  const proto = trustProxy ? first(request.headers['x-forwarded-proto']) : undefined;
  const host = (trustProxy ? first(request.headers['x-forwarded-host']) : undefined) ?? request.headers.host;
  const origin = `${proto === 'https' ? 'https' : 'http'}://${host ?? 'localhost'}`;
  try {
    return new URL(origin).origin;
  } catch {
    return 'http://localhost';
  }
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function graphqlError(message: string, code: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/**
 * The gateway's HTTP front: request ids, health and metrics endpoints, cached files, and for
 * GraphQL the per-client rate limit and the body size limit before yoga sees anything.
 */
export function createHttpHandler(options: HttpHandlerOptions) {
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit) : null;
  let inFlight = 0;

  async function handleGraphQL(request: IncomingMessage, response: ServerResponse, requestId: string) {
    if (limiter) {
      const decision = limiter.take(clientKey(request, options.trustProxy), Date.now());
      if (!decision.allowed) {
        options.metrics.rateLimited.inc();
        sendJson(
          response,
          429,
          graphqlError('too many requests', 'RATE_LIMITED', {
            retryAfterSeconds: decision.retryAfterSeconds,
          }),
          { 'retry-after': String(decision.retryAfterSeconds) },
        );
        return;
      }
    }
    let body: Buffer | undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      try {
        body = await readBody(request, options.maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        // Drain a bounded amount first: closing on a client that is still uploading resets the
        // connection before it can read the 413.
        const drained = await discardBody(
          request,
          DISCARD_LIMIT_FACTOR * options.maxBodyBytes,
          DISCARD_TIMEOUT_MS,
        );
        sendJson(
          response,
          413,
          graphqlError(error.message, 'BODY_TOO_LARGE', { limit: options.maxBodyBytes }),
          { connection: 'close' },
        );
        if (!drained) response.once('finish', () => request.socket.destroy());
        return;
      }
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(request.url ?? '/', publicOrigin(request, options.trustProxy));
    const answer = await options.graphql(
      new Request(url, {
        method: request.method ?? 'GET',
        headers,
        ...(body?.length ? { body: new Uint8Array(body) } : {}),
      }),
      { requestId },
    );
    // GraphQL answers here are single results (no subscriptions or @defer), so they are sent whole.
    let payload = Buffer.from(await answer.arrayBuffer());
    if (answer.status === 415 && payload.length === 0) {
      // yoga refuses unknown content types with an empty body; say why, with a code, like every refusal.
      const message = 'send application/json (or application/graphql-response+json)';
      payload = Buffer.from(JSON.stringify(graphqlError(message, 'UNSUPPORTED_MEDIA_TYPE')));
      answer.headers.set('content-type', 'application/json; charset=utf-8');
    }
    answer.headers.forEach((value, name) => {
      response.setHeader(name, value);
    });
    response.setHeader('content-length', String(payload.length));
    response.writeHead(answer.status);
    response.end(request.method === 'HEAD' ? undefined : payload);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = routeOf(path);
    inFlight++;
    response.once('close', () => {
      inFlight--;
      options.metrics.httpRequests.inc({ route, status: String(response.statusCode) });
      if (route === 'healthz' || route === 'readyz' || route === 'metrics') return;
      options.logger.info(
        {
          requestId,
          method: request.method,
          path,
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    try {
      switch (route) {
        case 'healthz':
          sendJson(response, 200, { status: 'ok' });
          return;
        case 'readyz': {
          const report = await options.readiness();
          sendJson(response, report.ready ? 200 : 503, report);
          return;
        }
        case 'metrics':
          response.writeHead(200, { 'content-type': options.metrics.registry.contentType });
          response.end(await options.metrics.registry.metrics());
          return;
        case 'files':
          await options.serveFile(request, response);
          return;
        case 'graphql':
          await handleGraphQL(request, response, requestId);
          return;
        default:
          sendJson(response, 404, { error: 'not found', see: '/graphql' });
      }
    } catch (error) {
      options.logger.error({ err: error, requestId, path }, 'request failed');
      if (!response.headersSent)
        sendJson(response, 500, graphqlError('Unexpected error.', 'INTERNAL_SERVER_ERROR'));
      else response.destroy();
    }
  }

  return { handle, inFlight: () => inFlight };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { clientKey } from './client-key.js';
import { GRAPHIQL_ASSET_PREFIX, type GraphiQLAssets } from './graphiql-assets.js';
import { serveGraphiQLAsset } from './graphiql-route.js';
import type { HostTrust } from './host-trust.js';
import { isJsonMediaType } from './media-type.js';
import type { Metrics } from './metrics.js';
import { publicHost, publicOrigin } from './public-origin.js';
import { createRateLimiter } from './rate-limiter.js';
import { BodyTooLargeError, discardBody, readBody } from './read-body.js';
import type { ReadinessReport } from './readiness.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';
import { isIncremental, sendAnswer } from './send-answer.js';

export interface HttpHandlerOptions {
  /**
   * yoga's fetch handler; the server context carries the request id and the client key (the rate
   * limiter's, which the upstream budget queues by) into the GraphQL context.
   */
  graphql(request: Request, serverContext: { requestId: string; clientKey: string }): Promise<Response>;
  serveFile(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** GraphiQL's static files; null when GraphiQL is off. */
  graphiqlAssets: GraphiQLAssets | null;
  readiness(): Promise<ReadinessReport>;
  metrics: Metrics;
  logger: Logger;
  maxBodyBytes: number;
  rateLimit: { perSecond: number; burst: number } | null;
  trustProxy: boolean;
  /** The admin token: a request presenting it is rate-limited on its own, other tokens count as nothing. */
  adminToken: string | null;
  /** Which Host values are this gateway's (DNS rebinding guard). */
  hosts: HostTrust;
}

/** A refused body is read and dropped up to this many times the limit, for at most this long. */
const DISCARD_LIMIT_FACTOR = 64;
const DISCARD_TIMEOUT_MS = 10_000;

type Route = 'graphql' | 'files' | 'graphiql' | 'healthz' | 'readyz' | 'metrics' | 'other';

function routeOf(path: string): Route {
  if (path === '/graphql') return 'graphql';
  if (path.startsWith('/files/')) return 'files';
  if (path.startsWith(GRAPHIQL_ASSET_PREFIX)) return 'graphiql';
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path.slice(1) as Route;
  return 'other';
}

/** A client that went away mid-request: nothing is wrong with the gateway, so it is no error. */
function isClientAbort(error: unknown, request: IncomingMessage): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return request.destroyed && ['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE'].includes(String(code));
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

  async function handleGraphQL(
    request: IncomingMessage,
    response: ServerResponse,
    requestId: string,
    host: string,
  ) {
    const client = clientKey(request, options.trustProxy, options.adminToken);
    if (limiter) {
      const decision = limiter.take(client, Date.now());
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
    if (request.method === 'POST' && !isJsonMediaType(request.headers['content-type'])) {
      const message = 'send application/json (or application/graphql-response+json)';
      sendJson(response, 415, graphqlError(message, 'UNSUPPORTED_MEDIA_TYPE'));
      return;
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
    const url = new URL(request.url ?? '/', publicOrigin(request, host, options.trustProxy));
    const answer = await options.graphql(
      new Request(url, {
        method: request.method ?? 'GET',
        headers,
        ...(body?.length ? { body: new Uint8Array(body) } : {}),
      }),
      { requestId, clientKey: client },
    );
    if (isIncremental(answer.headers.get('content-type'))) {
      await sendAnswer(request, response, answer, null);
      return;
    }
    let payload = Buffer.from(await answer.arrayBuffer());
    if (answer.status === 415 && payload.length === 0) {
      // yoga refuses unknown content types with an empty body; say why, with a code, like every refusal.
      const message = 'send application/json (or application/graphql-response+json)';
      payload = Buffer.from(JSON.stringify(graphqlError(message, 'UNSUPPORTED_MEDIA_TYPE')));
      answer.headers.set('content-type', 'application/json; charset=utf-8');
    }
    await sendAnswer(request, response, answer, payload);
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
      const host = publicHost(request, options.trustProxy);
      if (host === null) {
        sendJson(response, 400, graphqlError('the Host header is missing or malformed', 'BAD_HOST'));
        return;
      }
      if (options.hosts.guardsEveryRequest && !options.hosts.isTrustedHost(host)) {
        // A page whose DNS name was re-pointed at this machine reaches the gateway under that name:
        // it may neither read nor write, as dev servers (Vite, webpack) refuse such requests too.
        const message = `this gateway is not served as ${host.slice(0, 100)}; add it to ALLOWED_HOSTS if it should be`;
        sendJson(response, 403, graphqlError(message, 'HOST_NOT_ALLOWED'));
        return;
      }
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
        case 'graphiql':
          await serveGraphiQLAsset(options.graphiqlAssets, request, response, path);
          return;
        case 'files':
          await options.serveFile(request, response);
          return;
        case 'graphql':
          await handleGraphQL(request, response, requestId, host);
          return;
        default:
          sendJson(response, 404, { error: 'not found', see: '/graphql' });
      }
    } catch (error) {
      if (isClientAbort(error, request)) {
        options.logger.debug({ requestId, path }, 'client went away mid-request');
        return;
      }
      options.logger.error({ err: error, requestId, path }, 'request failed');
      if (!response.headersSent)
        sendJson(response, 500, graphqlError('Unexpected error.', 'INTERNAL_SERVER_ERROR'));
      else response.destroy();
    }
  }

  return { handle, inFlight: () => inFlight };
}

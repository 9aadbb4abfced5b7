import { getCORSHeadersByRequestAndOptions } from '@whatwg-node/server';
import type { CORSOptions, Plugin } from 'graphql-yoga';
import { addVary } from './plugins/whole-answer.js';

/**
 * CORS_ORIGINS by default: pages of dev servers on this machine (any port). No web page on the internet
 * has such an origin (a rebound DNS name keeps its own name), so they can read but a site cannot.
 */
export const DEFAULT_CORS_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];

/** Request headers the gateway reads; a page may send no others cross-origin (X-Forwarded-* included). */
const ALLOWED_REQUEST_HEADERS = ['accept', 'authorization', 'content-type', 'x-request-id'];
const EXPOSED_RESPONSE_HEADERS = ['x-request-id', 'retry-after'];
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** One CORS_ORIGINS entry: `*`, an exact origin, or an origin with `:*` for any port. */
const ORIGIN_PATTERN = /^(\*|https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:(\d{1,5}|\*))?)$/i;

/** The problems with a CORS_ORIGINS list (empty when it is valid). */
export function corsOriginProblems(entries: readonly string[]): string[] {
  return entries
    .filter((entry) => !ORIGIN_PATTERN.test(entry))
    .map(
      (entry) => `CORS_ORIGINS: "${entry}" is not *, an origin such as https://lab.example, or http://host:*`,
    );
}

function matches(entry: string, origin: string): boolean {
  if (entry === '*') return true;
  const lower = entry.toLowerCase();
  if (lower.endsWith(':*')) {
    const prefix = lower.slice(0, -1);
    return origin.startsWith(prefix) && /^\d{1,5}$/.test(origin.slice(prefix.length));
  }
  return origin === lower;
}

/**
 * yoga's per-request CORS options: the request's origin is echoed only when CORS_ORIGINS lists it, never
 * with credentials (the gateway uses no cookies; a token travels in Authorization, which a page must set
 * itself), and only the headers the gateway reads are allowed. Other origins get no CORS headers at all,
 * so the browser keeps the answer from them.
 */
export function createCorsPolicy(entries: readonly string[]): (request: Request) => CORSOptions {
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !entries.some((entry) => matches(entry, origin))) return false;
    return {
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ALLOWED_REQUEST_HEADERS,
      exposedHeaders: EXPOSED_RESPONSE_HEADERS,
      maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    };
  };
}

/** The answer depends on the Origin header (echoed or not), so shared caches must key on it. */
export function useVaryOnOrigin(): Plugin {
  return {
    onResponse({ response }) {
      addVary(response.headers, 'Origin');
    },
  };
}

/**
 * CORS headers for an answer made in front of yoga (a 429 before the request reaches it), so a page that
 * may read the gateway's answers can read this one too, Retry-After included, instead of seeing a network
 * error. GraphQL answers follow CORS_ORIGINS, as yoga's own do; other paths are the public routes
 * (morphology drawings, files), readable from any origin as their own answers are.
 */
export function createRefusalCorsHeaders(
  entries: readonly string[],
  graphqlEndpoint: string,
): (request: Request) => Record<string, string> {
  const policy = createCorsPolicy(entries);
  return (request): Record<string, string> => {
    if (new URL(request.url).pathname !== graphqlEndpoint) {
      return { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'retry-after' };
    }
    const headers = getCORSHeadersByRequestAndOptions(request, policy(request));
    return headers === null ? { vary: 'Origin' } : { ...headers, vary: 'Origin' };
  };
}

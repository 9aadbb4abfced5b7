import { type ClientKeyOptions, clientKey } from '../client-key.js';
import type { RateLimiter } from '../rate-limiter.js';
import { refusal } from './json-answer.js';
import type { FrontPlugin } from './server-context.js';

export interface RateLimitPluginOptions extends ClientKeyOptions {
  /** Null when RATE_LIMIT_RPS=0: requests are then only named, never refused. */
  limiter: RateLimiter | null;
  /** Told of every refusal (the `nmg_rate_limited_total` counter). */
  onRefused?: () => void;
  /** Headers a refusal carries besides Retry-After: CORS (cors-policy.ts createRefusalCorsHeaders). */
  refusalHeaders?: (request: Request) => Record<string, string>;
}

/**
 * Names the client of every request that reaches it (the admin token's hash or the address: see
 * client-key.ts) in the server context, where the upstream budget finds it, and refuses a client over
 * its rate with 429 RATE_LIMITED and Retry-After. It sits after the probe, metrics, GraphiQL-asset and
 * file routes, so those are never counted; GraphQL requests, the morphology routes (which cost upstream
 * requests and CPU) and unknown paths are, CORS preflights (OPTIONS) excepted. A refusal carries the CORS
 * headers the answer would have had, so a page allowed to read answers reads its code and Retry-After.
 */
export function useRateLimit(options: RateLimitPluginOptions): FrontPlugin {
  const { limiter } = options;
  return {
    onRequest({ request, serverContext, endResponse, fetchAPI }) {
      const key = clientKey(request.headers, serverContext.req?.socket.remoteAddress, options);
      serverContext.clientKey = key;
      // A CORS preflight costs no upstream request and what yoga does for it is cheaper than a probe; counted,
      // it would halve a page's budget and, refused, turn the POST after it into a network error.
      if (limiter === null || request.method === 'OPTIONS') return;
      return limiter.consume(key).then((decision) => {
        if (decision.allowed) return;
        options.onRefused?.();
        const retryAfterSeconds = decision.retryAfterSeconds;
        const headers = {
          ...options.refusalHeaders?.(request),
          'retry-after': String(retryAfterSeconds),
        };
        endResponse(
          refusal(fetchAPI, 429, 'too many requests', 'RATE_LIMITED', { retryAfterSeconds }, headers),
        );
      });
    },
  };
}

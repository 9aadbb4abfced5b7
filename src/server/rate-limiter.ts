import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
} from 'rate-limiter-flexible';
import { loadRedisClient } from '../cache/redis-client.js';

export interface RateLimitOptions {
  /** RATE_LIMIT_RPS: requests per second per client, on average. */
  perSecond: number;
  /** RATE_LIMIT_BURST: how many requests a quiet client may send at once. */
  burst: number;
  /**
   * A `redis://` URL (CACHE_STORE's): the budget is then kept in Redis, so every gateway on that Redis
   * counts the same client against one budget. Null: in this process only.
   */
  redisUrl?: string | null;
  /** Longest wait for Redis before this process's own count answers instead. @default 250 */
  redisTimeoutMs?: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one request against `key`'s budget. Never rejects: a store failure counts in memory. */
  consume(key: string): Promise<RateDecision>;
  close(): Promise<void>;
}

/** Keys in Redis: `nmg:rl:ip:...` / `nmg:rl:token:...`, beside the response cache's `nmg:` keys. */
const KEY_PREFIX = 'nmg:rl';

/**
 * The counting window: `burst` requests per `burst / perSecond` seconds, rounded up to whole seconds
 * (Redis expiries are whole seconds), at least one. A quiet client may send its burst at once, never
 * more, and the average stays at or below `perSecond` (a burst below the rate caps it at the burst per
 * second).
 */
export function rateWindow(options: Pick<RateLimitOptions, 'perSecond' | 'burst'>) {
  return { points: options.burst, duration: Math.max(1, Math.ceil(options.burst / options.perSecond)) };
}

/** Resolves after `ms` without keeping the process alive. */
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function redisCounter(
  url: string,
  window: ReturnType<typeof rateWindow>,
  inMemory: RateLimiterMemory,
  timeoutMs: number,
) {
  // The response cache's kind of client (loaded only when Redis is configured): commands fail at once
  // while Redis is away (no offline queue), and it keeps reconnecting in the background.
  const loading = loadRedisClient(url);
  // Until the client has loaded, this process's own count answers (the first requests wait for it below).
  let limiter: RateLimiterMemory | RLWrapperTimeouts = inMemory;
  const firstAttempt = loading.then((client) => {
    // Connection errors are the response cache's to report (same Redis); here they only mean "count in memory".
    client.on('error', () => undefined);
    const inRedis = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix: KEY_PREFIX,
      ...window,
      insuranceLimiter: inMemory,
    });
    // A Redis that is connected but does not answer (frozen, overloaded) must not hold requests either.
    limiter = new RLWrapperTimeouts({ limiter: inRedis, timeoutMs, insuranceLimiter: inMemory });
    return client.connect();
  });
  // The first requests after a start wait (briefly) for the connection, so that they are counted in the
  // shared budget rather than each gateway granting a fresh one while it connects. Loading the module is
  // local work, so the wait for Redis itself starts once it is loaded.
  const connecting = loading.then(
    () =>
      Promise.race([
        firstAttempt.then(
          () => undefined,
          () => undefined,
        ),
        pause(timeoutMs),
      ]),
    () => undefined,
  );
  return {
    limiter: () => limiter,
    connecting,
    /** A graceful close while Redis answers; a frozen or absent one is not waited for. */
    async close() {
      const client = await loading.catch(() => undefined);
      if (!client) return;
      const closed = client.isReady ? client.close().catch(() => undefined) : Promise.resolve();
      await Promise.race([closed, pause(timeoutMs)]);
      if (client.isOpen) client.destroy();
    },
  };
}

/**
 * The per-client rate limit, counted by rate-limiter-flexible: in this process by default, in Redis when
 * one is given. While Redis is down or slow each gateway counts in its own memory instead (the budget is
 * then per process, as without Redis), so an outage never refuses or delays a request.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const window = rateWindow(options);
  const inMemory = new RateLimiterMemory({ keyPrefix: KEY_PREFIX, ...window });
  const shared = options.redisUrl
    ? redisCounter(options.redisUrl, window, inMemory, options.redisTimeoutMs ?? 250)
    : null;
  return {
    async consume(key) {
      if (shared) await shared.connecting;
      try {
        await (shared?.limiter() ?? inMemory).consume(key);
        return { allowed: true };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) return { allowed: true };
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
    },
    close: async () => shared?.close(),
  };
}

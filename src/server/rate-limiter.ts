import { LRUCache } from 'lru-cache';

export interface RateLimitOptions {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: how many requests a quiet client may send at once. */
  burst: number;
  /** Clients remembered at once; the least recently seen are forgotten (they start with a full bucket). */
  maxClients?: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** A token bucket per client key (a token's hash or an address). Pure apart from the clock passed in. */
export function createRateLimiter(options: RateLimitOptions) {
  const buckets = new LRUCache<string, Bucket>({ max: options.maxClients ?? 50_000 });
  return {
    take(key: string, now: number): RateDecision {
      const bucket = buckets.get(key) ?? { tokens: options.burst, updatedAt: now };
      const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
      bucket.tokens = Math.min(options.burst, bucket.tokens + elapsedSeconds * options.perSecond);
      bucket.updatedAt = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / options.perSecond)),
      };
    },
  };
}

import CircuitBreaker from 'opossum';
import { withDeadline } from './deadline.js';
import type { StoreConnection } from './keyv-factory.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** An outage began (with what caused it) or ended: one report per change, never one per operation. */
export type AvailabilityChange = { available: false; cause: unknown } | { available: true };

export interface StoreBreakerOptions {
  connection: StoreConnection;
  /** An operation slower than this fails, and counts towards opening. */
  timeoutMs: number;
  /** How long the breaker stays open before one probe operation is let through. */
  resetMs: number;
  onAvailability: (change: AvailabilityChange) => void;
}

export interface StoreBreakerStats {
  state: BreakerState;
  /** Operations refused at once, without touching the store, since start. */
  skipped: number;
  /** Times the store became unavailable since start. */
  outages: number;
}

export interface StoreBreaker {
  /** Runs `operation` unless the store is known to be down; then rejects at once with StoreSkippedError. */
  run<T>(operation: () => Promise<T>): Promise<T>;
  stats(): StoreBreakerStats;
  shutdown(): void;
}

/** The store was not asked: it is down, or its breaker is waiting before the next probe. */
export class StoreSkippedError extends Error {
  readonly code = 'CACHE_SKIPPED';
}

class StoreOfflineError extends Error {
  readonly code = 'CACHE_OFFLINE';
}

/**
 * A circuit breaker (opossum) in front of a networked cache store. It opens at once when the client
 * reports its connection down, or when operations keep failing or timing out while it is connected (a
 * hung server); while open every operation is skipped without waiting; after `resetMs` one probe is let
 * through and closes it again on success. The client's own reconnect loop closes it as soon as the
 * connection is ready again. The breaker owns the timing, so the client's state and the breaker never
 * disagree about whether a request may wait on the cache.
 */
export function createStoreBreaker(options: StoreBreakerOptions): StoreBreaker {
  const { connection } = options;
  const breaker = new CircuitBreaker(
    async (operation: () => Promise<unknown>) => {
      // A command sent while the client reconnects can wait for the reconnection: never send one.
      if (connection.state() === 'down') throw new StoreOfflineError('the cache store is not connected');
      return operation();
    },
    {
      // The deadline is withDeadline's (below), which reads what arrived before giving up.
      timeout: false,
      resetTimeout: options.resetMs,
      // Opens when over half of at least 5 operations in the last 10 s failed or timed out.
      errorThresholdPercentage: 50,
      volumeThreshold: 5,
      rollingCountTimeout: 10_000,
      enableSnapshots: false,
    },
  );
  let available = true;
  let lastCause: unknown;
  let skipped = 0;
  let outages = 0;
  breaker.on('failure', (error: unknown) => {
    lastCause = error;
  });
  breaker.on('open', () => {
    if (!available) return;
    available = false;
    outages++;
    options.onAvailability({ available: false, cause: lastCause });
  });
  breaker.on('close', () => {
    if (available) return;
    available = true;
    options.onAvailability({ available: true });
  });
  connection.onChange((change) => {
    if (change.up) {
      breaker.close();
    } else {
      lastCause = change.cause;
      breaker.open();
    }
  });

  return {
    async run<T>(operation: () => Promise<T>): Promise<T> {
      if (breaker.closed && connection.state() === 'down') {
        lastCause ??= new StoreOfflineError('the cache store is not connected');
        breaker.open();
      }
      try {
        return (await breaker.fire(() => withDeadline(operation(), options.timeoutMs))) as T;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'EOPENBREAKER') {
          skipped++;
          throw new StoreSkippedError('the cache store is unavailable; skipped', { cause: lastCause });
        }
        throw error;
      }
    },
    stats: () => ({
      state: breaker.closed ? 'closed' : breaker.halfOpen ? 'half-open' : 'open',
      skipped,
      outages,
    }),
    shutdown: () => breaker.shutdown(),
  };
}

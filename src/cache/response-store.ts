import type { ResponseCache } from '../upstream/client-types.js';
import { type Envelope, isEnvelope } from './envelope.js';
import type { KeyvHandle, StoreKind } from './keyv-factory.js';
import {
  type AvailabilityChange,
  createStoreBreaker,
  type StoreBreaker,
  type StoreBreakerStats,
  StoreSkippedError,
} from './store-breaker.js';

export interface ResponseStoreOptions {
  handle: KeyvHandle;
  /** How long an entry is kept after it stops being fresh (for stale-if-error). */
  staleMs: number;
  /** A cache operation slower than this counts as a miss: the cache must never slow a request down much. */
  operationTimeoutMs: number;
  /**
   * Redis only: how long the store is skipped after it became unavailable before one operation probes it
   * again (the client's reconnection ends the pause sooner). @default 2000
   */
  probeAfterMs?: number;
  /** A single operation failed (or found a corrupt entry); the request goes on without the cache. */
  onError: (error: unknown, operation: string) => void;
  /** Redis only: the store became unavailable, or came back. Once per change, never per operation. */
  onAvailability?: (change: AvailabilityChange) => void;
  /**
   * The clock entries are stamped with and expire by, so that the client's freshness and the store's
   * expiry agree (tests move it instead of sleeping). @default Date.now
   */
  now?: () => number;
}

export interface ResponseStore extends ResponseCache {
  readonly kind: StoreKind;
  /**
   * The envelope stored under each key, or undefined (missing, past its stale window, unreadable,
   * corrupt, or the store failed).
   */
  getMany<T>(keys: readonly string[]): Promise<Array<Envelope<T> | undefined>>;
  /** Stores each value, fresh for its own time and kept for the stale window; never throws. */
  setMany(entries: ReadonlyArray<{ key: string; value: unknown; freshMs: number }>): Promise<void>;
  /** Whether the store answers now; false at once while it is known to be down. */
  ping(): Promise<boolean>;
  /** Entries this process has written: a store that has any can answer from cache. */
  written(): number;
  /** Whether the store is being used or skipped, and how often it was skipped. */
  health(): StoreBreakerStats;
  close(): Promise<void>;
}

class CacheTimeoutError extends Error {
  readonly code = 'CACHE_TIMEOUT';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CacheTimeoutError(`cache operation took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const ALWAYS_THERE: StoreBreakerStats = Object.freeze({ state: 'closed', skipped: 0, outages: 0 });

/**
 * Envelopes over keyv: never throws, never waits long, drops corrupt entries. A networked store goes
 * through a circuit breaker, so while it is down requests skip it at once instead of each waiting for
 * the operation timeout.
 */
export function createResponseStore(options: ResponseStoreOptions): ResponseStore {
  const { handle } = options;
  const now = options.now ?? Date.now;
  let written = 0;
  const breaker: StoreBreaker | null = handle.connection
    ? createStoreBreaker({
        connection: handle.connection,
        timeoutMs: options.operationTimeoutMs,
        resetMs: options.probeAfterMs ?? 2000,
        onAvailability: options.onAvailability ?? (() => undefined),
      })
    : null;
  const guarded = <T>(operation: () => Promise<T>): Promise<T> =>
    breaker ? breaker.run(operation) : withTimeout(operation(), options.operationTimeoutMs);
  // A skipped operation is the breaker doing its job: the outage was reported once, when it began.
  const report = (error: unknown, operation: string) => {
    if (!(error instanceof StoreSkippedError)) options.onError(error, operation);
  };

  return {
    kind: handle.kind,
    async getMany<T>(keys: readonly string[]) {
      const keyv = handle.keyv;
      if (keyv === null || keys.length === 0) return keys.map(() => undefined);
      try {
        const values = await guarded(() => keyv.getMany<unknown>([...keys]));
        return values.map((value, index) => {
          if (value === undefined || value === null) return undefined;
          // The backing store drops it at about this time too, by its own clock (keyv's, Redis's).
          if (isEnvelope(value))
            return value.f + options.staleMs > now() ? (value as Envelope<T>) : undefined;
          options.onError(new Error(`corrupt cache entry ${keys[index]}`), 'read');
          void keyv.delete(keys[index] as string).catch(() => undefined);
          return undefined;
        });
      } catch (error) {
        report(error, 'read');
        return keys.map(() => undefined);
      }
    },
    async setMany(entries) {
      const keyv = handle.keyv;
      if (keyv === null || entries.length === 0) return;
      const storedAt = now();
      try {
        await guarded(() =>
          keyv.setMany(
            entries.map(({ key, value, freshMs }) => ({
              key,
              value: { v: value, t: storedAt, f: storedAt + freshMs } satisfies Envelope<unknown>,
              ttl: freshMs + options.staleMs,
            })),
          ),
        );
        written += entries.length;
      } catch (error) {
        report(error, 'write');
      }
    },
    async ping() {
      if (breaker && breaker.stats().state !== 'closed') return false;
      return withTimeout(handle.ping(), Math.max(options.operationTimeoutMs, 1000)).catch(() => false);
    },
    written: () => written,
    health: () => breaker?.stats() ?? ALWAYS_THERE,
    async close() {
      breaker?.shutdown();
      await handle.close();
    },
  };
}

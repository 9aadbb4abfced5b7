import type { ResponseCache } from '../upstream/client-types.js';
import { withDeadline } from './deadline.js';
import { type Envelope, isEnvelope } from './envelope.js';
import type { KeyvHandle, StoreKind } from './keyv-factory.js';
import {
  createRecentEntries,
  DEFAULT_L1_MAX_BYTES,
  DEFAULT_L1_TTL_MS,
  type RecentEntries,
} from './recent-entries.js';
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
  /**
   * Redis only: the process-local layer in front of it (parsed entries, bounded by bytes, kept for
   * `ttlMs`: the longest another gateway's write can go unseen here). A `ttlMs` or `maxBytes` of 0
   * turns it off. @default { ttlMs: 1000, maxBytes: 33554432 }
   */
  l1?: { ttlMs: number; maxBytes: number };
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
  // The memory store answers without waiting on anything, so it gets no timer (one per operation
  // otherwise, on the warm path's every page and batch).
  const guarded = <T>(operation: () => Promise<T>): Promise<T> =>
    breaker
      ? breaker.run(operation)
      : handle.kind === 'memory'
        ? operation()
        : withDeadline(operation(), options.operationTimeoutMs);
  // A skipped operation is the breaker doing its job: the outage was reported once, when it began.
  const report = (error: unknown, operation: string) => {
    if (!(error instanceof StoreSkippedError)) options.onError(error, operation);
  };
  const l1 = options.l1 ?? { ttlMs: DEFAULT_L1_TTL_MS, maxBytes: DEFAULT_L1_MAX_BYTES };
  // The memory store is in process already; only a networked one gets a layer in front.
  const recent: RecentEntries | null =
    handle.kind === 'redis' && l1.ttlMs > 0 && l1.maxBytes > 0 ? createRecentEntries({ ...l1, now }) : null;

  /** One read (MGET) for all the keys, never one per key; corrupt entries are dropped. */
  async function readStore(keys: readonly string[]): Promise<Array<Envelope<unknown> | undefined>> {
    const keyv = handle.keyv;
    if (keyv === null) return keys.map(() => undefined);
    try {
      const values = await guarded(() => keyv.getMany<unknown>([...keys]));
      return values.map((value, index) => {
        if (value === undefined || value === null) return undefined;
        if (isEnvelope(value)) {
          recent?.set(keys[index] as string, value);
          return value;
        }
        options.onError(new Error(`corrupt cache entry ${keys[index]}`), 'read');
        void keyv.delete(keys[index] as string).catch(() => undefined);
        return undefined;
      });
    } catch (error) {
      report(error, 'read');
      return keys.map(() => undefined);
    }
  }

  return {
    kind: handle.kind,
    async getMany<T>(keys: readonly string[]) {
      if (handle.keyv === null || keys.length === 0) return keys.map(() => undefined);
      let found: Array<Envelope<unknown> | undefined>;
      if (recent === null) {
        found = await readStore(keys);
      } else {
        found = keys.map((key) => recent.get(key));
        const missing = keys.filter((_, index) => found[index] === undefined);
        if (missing.length > 0) {
          const read = await readStore(missing);
          let next = 0;
          for (let index = 0; index < found.length; index++)
            if (found[index] === undefined) found[index] = read[next++];
        }
      }
      const at = now();
      // The backing store drops it at about this time too, by its own clock (keyv's, Redis's).
      return found.map((entry) =>
        entry !== undefined && entry.f + options.staleMs > at ? (entry as Envelope<T>) : undefined,
      );
    },
    peek<T>(key: string) {
      const entry = recent === null ? handle.peek(key) : recent.get(key);
      if (!isEnvelope(entry) || entry.f + options.staleMs <= now()) return undefined;
      return entry as Envelope<T>;
    },
    async setMany(entries) {
      const keyv = handle.keyv;
      if (keyv === null || entries.length === 0) return;
      const storedAt = now();
      const stored = entries.map(({ key, value, freshMs }) => ({
        key,
        value: { v: value, t: storedAt, f: storedAt + freshMs } satisfies Envelope<unknown>,
        ttl: freshMs + options.staleMs,
      }));
      try {
        // One MULTI/EXEC for the whole batch in Redis: a single round trip, never one SET per key.
        await guarded(() => keyv.setMany(stored));
        written += entries.length;
        // Only what Redis took: the L1 is a short-lived copy of Redis, never a cache of its own (while
        // Redis is down the gateway answers from NeuroMorpho, as without the L1).
        if (recent) for (const entry of stored) recent.set(entry.key, entry.value);
      } catch (error) {
        report(error, 'write');
      }
    },
    async ping() {
      if (breaker && breaker.stats().state !== 'closed') return false;
      return withDeadline(handle.ping(), Math.max(options.operationTimeoutMs, 1000)).catch(() => false);
    },
    written: () => written,
    health: () => breaker?.stats() ?? ALWAYS_THERE,
    async close() {
      breaker?.shutdown();
      await handle.close();
    },
  };
}

import { LRUCache } from 'lru-cache';
import type { Envelope } from './envelope.js';
import { entrySize } from './keyv-factory.js';

export interface RecentEntriesOptions {
  /**
   * How long an entry read from (or written to) Redis is answered from this process without asking
   * Redis again: the longest a write by another gateway can go unseen here. @default 1000
   */
  ttlMs: number;
  /** Bytes (of JSON, as the memory store counts them) kept; least recently used go first. @default 33554432 */
  maxBytes: number;
  now: () => number;
}

/** The process-local layer in front of Redis: parsed envelopes, bounded by bytes, kept briefly. */
export interface RecentEntries {
  get(key: string): Envelope<unknown> | undefined;
  set(key: string, envelope: Envelope<unknown>): void;
}

export const DEFAULT_L1_TTL_MS = 1000;
/** 32 MiB: a few thousand records and pages, far more than one busy second reads. */
export const DEFAULT_L1_MAX_BYTES = 32 * 1024 * 1024;

interface Held {
  envelope: Envelope<unknown>;
  /** Answered from here until this time (the store's clock), then read from Redis again. */
  until: number;
}

/**
 * An L1 for a networked store. Entries expire by the response store's own clock (checked on read, no
 * timers), so tests move time instead of sleeping, and freshness and L1 expiry never disagree. It holds
 * no "missing" answers: a miss is followed by an upstream fetch whose write lands here anyway, and a
 * record another gateway writes is then seen at the next read.
 */
export function createRecentEntries(options: RecentEntriesOptions): RecentEntries {
  const { ttlMs, now } = options;
  const held = new LRUCache<string, Held>({
    maxSize: options.maxBytes,
    // The key costs its length too: many small entries must not escape the bound.
    sizeCalculation: (entry, key) =>
      Math.max(1, Math.min(Number.MAX_SAFE_INTEGER, entrySize(entry.envelope.v) + key.length)),
  });
  return {
    get(key) {
      const entry = held.get(key);
      if (entry === undefined) return undefined;
      const at = now();
      // Only fresh entries: a stale one is read from Redis again, where another gateway may have renewed it.
      if (entry.until > at && entry.envelope.f > at) return entry.envelope;
      held.delete(key);
      return undefined;
    },
    set(key, envelope) {
      // lru-cache refuses (and drops any older copy of) an entry larger than the whole budget.
      held.set(key, { envelope, until: now() + ttlMs });
    },
  };
}

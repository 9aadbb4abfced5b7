import Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import { createRedisBacking } from './redis-store.js';

export type StoreKind = 'memory' | 'redis' | 'off';

/** A change of the backing store's connection: down (with the error that took it down) or back up. */
export type ConnectionChange = { up: true } | { up: false; cause: unknown };

/**
 * `connecting` only before the first connection attempt has ended (commands wait for it, briefly);
 * after that the connection is either `ready` or `down` (reconnecting in the background).
 */
export type ConnectionState = 'connecting' | 'ready' | 'down';

/** The state of a networked store's connection, so callers can skip it at once while it is down. */
export interface StoreConnection {
  state(): ConnectionState;
  /** Called on every change (repeated "down" reports while reconnecting included). */
  onChange(listener: (change: ConnectionChange) => void): void;
}

export interface KeyvHandle {
  kind: StoreKind;
  keyv: Keyv | null;
  /** Redis only: its connection state. Null for stores in process, which are always there. */
  connection: StoreConnection | null;
  /**
   * What keyv holds under `key`, read without waiting, from the memory store only: undefined when it
   * holds nothing there (or it expired) and always for Redis, whose reads go over the network.
   */
  peek(key: string): unknown;
  /** Whether the backing store answers right now (always true in memory). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** 256 MiB of cached JSON. */
export const DEFAULT_CACHE_MAX_BYTES = 256 * 1024 * 1024;

/** Deeper than any upstream payload: past it a value is charged as too big to keep. */
const MAX_SIZED_DEPTH = 64;

/**
 * About the length of the value's JSON text (a number is charged 8, a double's size), counted without
 * writing the text, and binary data by its byte length: a parsed morphology's packed geometry is
 * measured at once instead of being stringified on the event loop (tens of MB for a 20 MB file). It
 * tracks what the payload costs in memory closely enough to bound it (one 300 MB record must not sit in
 * a cache bounded by entries).
 */
export function entrySize(value: unknown): number {
  return Math.max(1, Math.min(Number.MAX_SAFE_INTEGER, jsonSize(value, 0)));
}

function jsonSize(value: unknown, depth: number): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return 8;
    case 'boolean':
      return 5;
    case 'object': {
      if (value === null) return 4;
      // Binary data (a DataView, a typed array, a buffer) costs its bytes; JSON would not hold it as it is.
      if (ArrayBuffer.isView(value)) return value.byteLength;
      if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return value.byteLength;
      // Not serialisable as plain JSON (never the case for upstream JSON): charged as too big to keep.
      if (depth >= MAX_SIZED_DEPTH) return Number.MAX_SAFE_INTEGER;
      let size = 2;
      if (Array.isArray(value)) {
        for (const item of value) size += jsonSize(item, depth + 1) + 1;
        return size;
      }
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined && typeof item !== 'function')
          size += key.length + 4 + jsonSize(item, depth + 1);
      }
      return size;
    }
    case 'undefined':
    case 'function':
    case 'symbol':
      return 0;
    default:
      // bigint: JSON cannot write it.
      return Number.MAX_SAFE_INTEGER;
  }
}

/**
 * A bounded in-process store with the Map-like shape keyv expects (`set(key, value, ttl)`): least
 * recently used entries go first once `maxEntries` are held or their sizes add up to `maxBytes`; an
 * entry larger than `maxBytes` on its own is not kept at all.
 */
function boundedMapStore(maxEntries: number, maxBytes: number) {
  const lru = new LRUCache<string, object>({
    max: maxEntries,
    maxSize: maxBytes,
    sizeCalculation: entrySize,
  });
  return {
    /** keyv's own entry (`{ value, expires }`, kept as is without serialisation), read at once. */
    peek: (key: string): unknown => {
      const stored = lru.get(key) as { value?: unknown; expires?: unknown } | undefined;
      if (stored === undefined) return undefined;
      if (typeof stored.expires === 'number' && Date.now() > stored.expires) return undefined;
      return stored.value;
    },
    get: (key: string) => lru.get(key),
    set: (key: string, value: object, ttl?: number) => {
      lru.set(key, value, ttl ? { ttl } : {});
      return true;
    },
    delete: (key: string) => lru.delete(key),
    clear: () => lru.clear(),
    has: (key: string) => lru.has(key),
  };
}

export interface KeyvFactoryOptions {
  /** `memory`, `off` or a `redis://host:port` URL. */
  store: string;
  /** Entries the memory store keeps (least recently used go first). */
  maxEntries: number;
  /** Bytes (of JSON) the memory store keeps, on top of the entry bound. @default 268435456 (256 MiB) */
  maxBytes?: number;
  /** Failures of single operations keyv reports; connection changes go to `connection` instead. */
  onError: (error: unknown) => void;
}

/**
 * Builds the keyv instance behind the response cache: a bounded map in process, or Redis (see
 * redis-store.ts: it never blocks a request during an outage, and is only loaded when configured).
 */
export function createKeyvHandle(options: KeyvFactoryOptions): KeyvHandle {
  if (options.store === 'off') {
    return {
      kind: 'off',
      keyv: null,
      connection: null,
      peek: () => undefined,
      ping: async () => true,
      close: async () => undefined,
    };
  }
  if (options.store === 'memory') {
    const store = boundedMapStore(options.maxEntries, options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES);
    // Unprefixed keys: the map holds only this cache, and `peek` finds entries under the caller's key.
    const keyv = new Keyv({ store, useKeyPrefix: false });
    // In process there is nothing to serialise for: entries are kept as the objects they are (read-only
    // by convention: mappers copy what they need and never write into cached payloads).
    keyv.serialize = undefined;
    keyv.deserialize = undefined;
    keyv.on('error', options.onError);
    return {
      kind: 'memory',
      keyv,
      connection: null,
      peek: store.peek,
      ping: async () => true,
      close: async () => undefined,
    };
  }
  const redis = createRedisBacking(options.store, options.onError);
  // Redis is read over the network; its process-local copies are the response store's L1.
  return { kind: 'redis', ...redis, peek: () => undefined };
}

import type { BatchResult, CachedAnswer, CacheEvent, CallOptions, ResponseCache } from './client-types.js';
import { UpstreamNotFoundError } from './errors.js';
import { canFallBack } from './fallback-rule.js';
import { createOfflineFallback, type OfflineSource } from './offline-fallback.js';

export interface ReadThroughOptions {
  store: ResponseCache;
  /** How long a remembered "not found" stays fresh. */
  notFoundMs: number;
  /** The clock freshness is judged by; the store must stamp its entries by the same one. @default Date.now */
  now?: () => number;
  /** Told of every lookup, for metrics: a batch's hits and misses once each, with how many. */
  onEvent?: (event: CacheEvent, count: number) => void;
  /**
   * Downloaded neurons, answering neuron and measurement reads NeuroMorpho failed when nothing is cached
   * (told as `stale`, like an expired entry). @default none
   */
  offline?: OfflineSource;
}

/** A remembered "not found" is stored as null. */
type Maybe<T> = T | null;

/**
 * Reads through the response cache: fresh entries answer without loading; what is loaded is stored;
 * an expired entry answers (and the call is told it is stale) when loading fails with an upstream error.
 * `offline` answers, the same way, the neuron and measurement reads that failed with nothing cached.
 */
export type ReadThrough = ReturnType<typeof createReadThrough>;

export function createReadThrough(options: ReadThroughOptions) {
  const { store, notFoundMs } = options;
  const now = options.now ?? Date.now;
  const tell = options.onEvent ?? (() => undefined);
  const isFresh = (entry: CachedAnswer<unknown>) => entry.f > now();
  /** The entry under `key` if this process holds it and it is fresh, read without waiting. */
  const heldFresh = <T>(key: string): CachedAnswer<T> | undefined => {
    const entry = store.peek<T>(key);
    return entry !== undefined && isFresh(entry) ? entry : undefined;
  };
  const markStale = (call: CallOptions | undefined) => {
    tell('stale', 1);
    call?.onStale?.();
  };

  async function value<T>(
    key: string,
    freshMs: number,
    load: () => Promise<T>,
    call?: CallOptions,
  ): Promise<T> {
    // What the process holds fresh answers without the store's asynchronous read (the same entry it
    // would hand back); the rest is read, stale copies included.
    const held = heldFresh<T>(key);
    const [entry] = held !== undefined ? [held] : await store.getMany<T>([key]);
    if (entry !== undefined && isFresh(entry)) {
      tell('hit', 1);
      return entry.v;
    }
    tell('miss', 1);
    try {
      const loaded = await load();
      await store.setMany([{ key, value: loaded, freshMs }]);
      return loaded;
    } catch (error) {
      if (entry === undefined || !canFallBack(error)) throw error;
      markStale(call);
      return entry.v;
    }
  }

  /** A value NeuroMorpho may lack: its 404 is remembered briefly, answered as UpstreamNotFoundError(url). */
  async function record<T>(
    key: string,
    freshMs: number,
    url: string,
    load: () => Promise<T>,
    call?: CallOptions,
  ): Promise<T> {
    const found = await value<Maybe<T>>(
      key,
      freshMs,
      async () => {
        try {
          return await load();
        } catch (error) {
          if (error instanceof UpstreamNotFoundError) {
            await store.setMany([{ key, value: null, freshMs: notFoundMs }]);
          }
          throw error;
        }
      },
      call,
    );
    if (found === null) throw new UpstreamNotFoundError(url);
    return found;
  }

  /** The entries under `keys`: fresh ones the process holds at once, the others in one read of the store. */
  async function heldOrRead<T>(keys: readonly string[]): Promise<Array<CachedAnswer<T> | undefined>> {
    const entries = keys.map((key) => heldFresh<T>(key));
    const unread = keys.filter((_, index) => entries[index] === undefined);
    if (unread.length === 0) return entries;
    const read = await store.getMany<T>(unread);
    let next = 0;
    for (let index = 0; index < entries.length; index++)
      if (entries[index] === undefined) entries[index] = read[next++];
    return entries;
  }

  /** Per-id values: fresh ones from the cache, the rest in one `loadMissing`, each stored under its id. */
  async function batch<T>(
    ids: readonly number[],
    keyOf: (id: number) => string,
    freshMs: number,
    loadMissing: (ids: number[]) => Promise<BatchResult<T>>,
    call?: CallOptions,
  ): Promise<BatchResult<T>> {
    const unique = [...new Set(ids)];
    const entries = await heldOrRead<Maybe<T>>(unique.map(keyOf));
    const expired = new Map<number, T>();
    const result: BatchResult<T> = { found: new Map(), missing: [], failed: new Map() };
    const toLoad: number[] = [];
    unique.forEach((id, index) => {
      const entry = entries[index];
      if (entry !== undefined && isFresh(entry)) {
        if (entry.v === null) result.missing.push(id);
        else result.found.set(id, entry.v);
        return;
      }
      toLoad.push(id);
      if (entry !== undefined && entry.v !== null) expired.set(id, entry.v);
    });
    // Counted once per batch: the metrics' label lookup is the cost, not the addition.
    if (unique.length > toLoad.length) tell('hit', unique.length - toLoad.length);
    if (toLoad.length === 0) return result;
    tell('miss', toLoad.length);
    const loaded = await loadMissing(toLoad);
    await store.setMany([
      ...[...loaded.found].map(([id, item]) => ({ key: keyOf(id), value: item, freshMs })),
      ...loaded.missing.map((id) => ({ key: keyOf(id), value: null, freshMs: notFoundMs })),
    ]);
    for (const [id, item] of loaded.found) result.found.set(id, item);
    result.missing.push(...loaded.missing);
    for (const [id, error] of loaded.failed) {
      const stale = expired.get(id);
      // The rule of `value`: an expired copy stands in for a failure to answer, never for a "not found".
      if (stale !== undefined && canFallBack(error)) {
        markStale(call);
        result.found.set(id, stale);
      } else {
        result.failed.set(id, error);
      }
    }
    return result;
  }

  /**
   * A fresh entry this process holds (`ResponseCache.peek`), without waiting; undefined when it must be
   * read or loaded, expired ones included (those go through `value`/`batch`, for stale-if-error).
   */
  function peek<T>(key: string): CachedAnswer<Maybe<T>> | undefined {
    const entry = heldFresh<Maybe<T>>(key);
    if (entry !== undefined) tell('hit', 1);
    return entry;
  }

  const storeAll: ResponseCache['setMany'] = (entries) => store.setMany(entries);
  const offline = createOfflineFallback(options.offline, markStale);
  return { value, record, batch, peek, store: storeAll, offline };
}

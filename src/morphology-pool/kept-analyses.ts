import { LRUCache } from 'lru-cache';

/** Options of the analyses a process keeps in front of the response cache. */
export interface KeptAnalysesOptions<T extends object> {
  /** Files kept at once: more than the largest page (500), so a warm page of 500 stays whole. @default 1000 */
  maxEntries?: number;
  /** What they may hold together, by `sizeOf`. @default 67108864 (64 MiB) */
  maxBytes?: number;
  /** Bytes one value holds (its packed geometry, mostly). */
  sizeOf(value: T): number;
  /** The clock freshness is judged by (the response cache's). */
  now(): number;
}

export interface KeptAnalyses<T extends object> {
  /** The value kept for this file while it is fresh; undefined once it is not (or never was) kept. */
  get(neuronId: number, url: string): T | undefined;
  /** Keeps `value` until `freshUntil` (ms since the epoch): when its response-cache entry stops being fresh. */
  keep(neuronId: number, url: string, value: T, freshUntil: number): T;
}

/**
 * Analyses of standard files this process answered lately, each with what was made of it for the
 * schema. A warm morphology then costs a map lookup instead of a response-cache read per neuron, and
 * the same object every time: nothing is made per neuron per request. An entry is dropped when its cache
 * entry stops being fresh, so the process never answers from here what the response cache would not
 * have answered fresh; with the memory store the values are the very objects the store holds, so they
 * cost no memory of their own while both keep them.
 */
export function createKeptAnalyses<T extends object>(options: KeptAnalysesOptions<T>): KeptAnalyses<T> {
  const { now } = options;
  const kept = new LRUCache<string, { value: T; freshUntil: number }>({
    max: options.maxEntries ?? 1000,
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (entry) => Math.max(1, options.sizeOf(entry.value)),
  });
  // One key per file: the neuron and the URL its file was read from (a renamed neuron is another file).
  const keyOf = (neuronId: number, url: string) => `${neuronId} ${url}`;
  return {
    get(neuronId, url) {
      const key = keyOf(neuronId, url);
      const entry = kept.get(key);
      if (entry === undefined) return undefined;
      if (entry.freshUntil > now()) return entry.value;
      kept.delete(key);
      return undefined;
    },
    keep(neuronId, url, value, freshUntil) {
      if (freshUntil > now()) kept.set(keyOf(neuronId, url), { value, freshUntil });
      return value;
    },
  };
}

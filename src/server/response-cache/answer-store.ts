import type { Cache } from '@graphql-yoga/plugin-response-cache';

/** An entity an answer holds, as yoga's response-cache plugin reports it. */
export interface CacheEntityRecord {
  typename: string;
  id?: number | string;
}

import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Every key this store holds starts so; anything else (a client's If-None-Match, say) is not one. */
export const ANSWER_KEY_PREFIX = 'nm:answer:v1:';

export interface AnswerStoreOptions {
  /** Answers kept at most. */
  maxEntries: number;
  /** Bytes kept at most, each answer counted as the length of its JSON; a larger answer is not kept. */
  maxBytes: number;
  /** The gateway's clock, so tests that move time expire answers as they expire records. */
  now: () => number;
}

/** The answer store, plus what the gateway needs beyond yoga's cache interface. */
export interface AnswerStore extends Cache {
  /** A point in the change history: an execution notes it when it starts. */
  generation(): number;
  /**
   * The next `set` keeps its answer only if none of its entities changed after `generation` (an answer
   * computed while a neuron was being downloaded may show the folder as it was before).
   */
  expectStartedAt(generation: number): void;
  /**
   * Admission: whether an answer to `key` is worth computing for keeping. True when it is held or was
   * asked before; the first time, notes the key and says no, so queries asked once (a different page
   * each time) skip the plugin's document rewrite and result walk as well as the store.
   */
  admit(key: string): boolean;
  size(): number;
}

interface Entry {
  /** What a hit hands to yoga: the data, and its JSON made once (yoga calls a result's own stringify). */
  result: ExecutionResult & { stringify: () => string };
  expiresAt: number;
  entityKeys: string[];
}

/** yoga's plugin adds its own ETag and Last-Modified under extensions.http; the gateway has its own ETag. */
function withoutHttpExtensions(result: ExecutionResult): ExecutionResult {
  if (!result.extensions || !('http' in result.extensions)) return result;
  const { http: _http, ...extensions } = result.extensions;
  const { extensions: _all, ...rest } = result;
  return Object.keys(extensions).length > 0 ? { ...rest, extensions } : rest;
}

const entityKey = ({ typename, id }: CacheEntityRecord) => (id == null ? typename : `${typename}:${id}`);
// Changes remembered for the race check above; beyond it every older execution counts as raced.
const MAX_REMEMBERED_CHANGES = 10_000;

/**
 * Whole answers in this process's memory, bounded by entries and bytes (least recently used go
 * first), indexed by the entities they contain so a change to one neuron drops exactly the answers
 * that show it.
 */
export function createAnswerStore(options: AnswerStoreOptions): AnswerStore {
  const entitiesToKeys = new Map<string, Set<string>>();
  const answers = new LRUCache<string, Entry>({
    max: options.maxEntries,
    maxSize: options.maxBytes,
    // Measured once at `set` (below), from the JSON length.
    sizeCalculation: (_entry, key) => sizes.get(key) ?? 1,
    dispose: (entry, key) => {
      sizes.delete(key);
      forgetEntities(key, entry.entityKeys);
    },
  });
  const sizes = new Map<string, number>();
  const changedAt = new Map<string, number>();
  let generation = 0;
  let oldestRemembered = 0;
  let startedAt: number | null = null;
  // Keys asked once (see `admit`).
  const askedOnce = new LRUCache<string, true>({ max: Math.max(1000, options.maxEntries * 2) });

  function forgetEntities(key: string, keys: string[]): void {
    for (const entity of keys) {
      const holders = entitiesToKeys.get(entity);
      holders?.delete(key);
      if (holders?.size === 0) entitiesToKeys.delete(entity);
    }
  }

  function changedSince(keys: string[], since: number): boolean {
    if (since < oldestRemembered) return true;
    return keys.some((key) => (changedAt.get(key) ?? -1) > since);
  }

  return {
    get(key) {
      if (!key.startsWith(ANSWER_KEY_PREFIX)) return null;
      const entry = answers.get(key);
      if (entry === undefined) return null;
      if (entry.expiresAt <= options.now()) {
        answers.delete(key);
        return null;
      }
      return entry.result as ExecutionResult<Record<string, unknown>>;
    },
    set(key, result, entities, ttl) {
      const since = startedAt;
      startedAt = null;
      const entityKeys = [...new Set([...entities].map(entityKey))];
      if (since === null || changedSince(entityKeys, since) || !(ttl > 0)) return;
      const kept = withoutHttpExtensions(result);
      const json = JSON.stringify(kept);
      if (json.length > options.maxBytes) return;
      answers.delete(key);
      sizes.set(key, json.length);
      answers.set(key, {
        result: { ...kept, stringify: () => json },
        expiresAt: options.now() + ttl,
        entityKeys,
      });
      for (const entity of entityKeys) {
        const holders = entitiesToKeys.get(entity) ?? new Set<string>();
        entitiesToKeys.set(entity, holders);
        holders.add(key);
      }
    },
    invalidate(entities) {
      generation++;
      for (const entity of entities) {
        const key = entityKey(entity);
        changedAt.delete(key);
        changedAt.set(key, generation);
        if (changedAt.size > MAX_REMEMBERED_CHANGES) {
          const [oldest, at] = changedAt.entries().next().value as [string, number];
          changedAt.delete(oldest);
          oldestRemembered = at;
        }
        for (const holder of [...(entitiesToKeys.get(key) ?? [])]) answers.delete(holder);
      }
    },
    admit(key) {
      if (answers.has(key) || askedOnce.has(key)) return true;
      askedOnce.set(key, true);
      return false;
    },
    generation: () => generation,
    expectStartedAt(at) {
      startedAt = at;
    },
    size: () => answers.size,
  };
}

/** The entities that show a neuron's folder: the neuron itself (its cacheStatus inside) and its cache status. */
export function neuronEntities(neuronId: number): CacheEntityRecord[] {
  return [
    { typename: 'Neuron', id: neuronId },
    { typename: 'CacheStatus', id: neuronId },
  ];
}

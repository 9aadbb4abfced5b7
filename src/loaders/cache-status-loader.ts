import DataLoader from 'dataloader';
import type { CacheStatus } from '../disk/cache-status.js';
import type { DiskCache } from '../disk/disk-cache.js';
import type { NeuronRecord } from '../neuromorpho/types.js';

/** `Neuron.cacheStatus`'s loader: an answer at once when nothing needs reading, else a promise. */
export interface CacheStatusLoader {
  load(neuron: NeuronRecord): CacheStatus | Promise<CacheStatus>;
  /** Forgets what this request read for a neuron (its folder just changed). */
  clear(neuron: NeuronRecord): void;
  clearAll(): void;
}

/**
 * Cache status per neuron for one request. A neuron without a folder in the remembered listing of the
 * root is answered as a plain value (`DiskCache.peekStatus`): a promise per neuron, with the executor's
 * work of waiting for each, costs more on a warm page than the answer itself. The others are read from
 * disk in one batch per request.
 */
export function createCacheStatusLoader(diskCache: DiskCache): CacheStatusLoader {
  const loader = new DataLoader<NeuronRecord, CacheStatus, number>((neurons) => diskCache.statuses(neurons), {
    cacheKeyFn: (neuron) => neuron.neuronId,
  });
  return {
    load: (neuron) => diskCache.peekStatus(neuron) ?? loader.load(neuron),
    clear: (neuron) => void loader.clear(neuron),
    clearAll: () => void loader.clearAll(),
  };
}

import DataLoader from 'dataloader';
import type { CacheStatus } from '../disk/cache-status.js';
import type { DiskCache } from '../disk/disk-cache.js';
import type { NeuronRecord } from '../neuromorpho/types.js';

/** Cache status per neuron, read from disk in one batch per request. */
export function createCacheStatusLoader(diskCache: DiskCache) {
  return new DataLoader<NeuronRecord, CacheStatus, number>((neurons) => diskCache.statuses(neurons), {
    cacheKeyFn: (neuron) => neuron.neuronId,
  });
}

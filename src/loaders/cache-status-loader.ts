import DataLoader from 'dataloader';
import { type CacheStatus, readCacheStatuses } from '../disk/cache-status.js';
import type { NeuronRecord, SiteUrls } from '../neuromorpho/types.js';

/** Cache status per neuron, read from disk in one batch per request. */
export function createCacheStatusLoader(root: string | null, site: SiteUrls) {
  return new DataLoader<NeuronRecord, CacheStatus, number>(
    (neurons) => readCacheStatuses(root, neurons, site),
    {
      cacheKeyFn: (neuron) => neuron.neuronId,
    },
  );
}

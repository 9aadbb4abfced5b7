import DataLoader from 'dataloader';
import { type CacheStatus, readCacheStatus } from '../disk/cache-status.js';
import type { NeuronRecord, SiteUrls } from '../neuromorpho/types.js';

/** Cache status per neuron, read from disk once per request and neuron. */
export function createCacheStatusLoader(root: string | null, site: SiteUrls) {
  return new DataLoader<NeuronRecord, CacheStatus, number>(
    (neurons) => Promise.all(neurons.map((neuron) => readCacheStatus(root, neuron, site))),
    { cacheKeyFn: (neuron) => neuron.neuronId },
  );
}

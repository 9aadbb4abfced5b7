import type { NeuronRecord, SiteUrls } from '../neuromorpho/types.js';
import type { NeuroMorphoClient } from '../upstream/client-types.js';
import { createCacheStatusLoader } from './cache-status-loader.js';
import { createMeasurementLoader } from './measurement-loader.js';
import { createNeuronLoader } from './neuron-loader.js';

export interface RequestLoaders {
  neuron: ReturnType<typeof createNeuronLoader>;
  measurement: ReturnType<typeof createMeasurementLoader>;
  cacheStatus: ReturnType<typeof createCacheStatusLoader>;
  /** Seeds the neuron loader with records that arrived by another route (search pages, by-name lookups). */
  primeNeurons(neurons: readonly NeuronRecord[]): void;
}

/** Fresh loaders for one GraphQL request: nothing is shared between requests here. */
export function createRequestLoaders(
  client: NeuroMorphoClient,
  cacheDir: string | null,
  site: SiteUrls,
  onBatch?: (loader: 'neuron' | 'measurement', size: number) => void,
): RequestLoaders {
  const neuron = createNeuronLoader(client, onBatch);
  return {
    neuron,
    measurement: createMeasurementLoader(client, onBatch),
    cacheStatus: createCacheStatusLoader(cacheDir, site),
    primeNeurons(neurons) {
      for (const record of neurons) neuron.prime(record.neuronId, record);
    },
  };
}

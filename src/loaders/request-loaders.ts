import DataLoader from 'dataloader';
import type { DiskCache } from '../disk/disk-cache.js';
import type { MeasurementRecord, NeuronRecord } from '../neuromorpho/types.js';
import { type BatchResult, MAX_PAGE_SIZE, type NeuroMorphoClient } from '../upstream/client-types.js';
import { createCacheStatusLoader } from './cache-status-loader.js';
import { createMorphologyLoader, type MorphologyLoader } from './morphology-loader.js';

export interface RequestLoaders {
  /** Neuron by id, batched into `neuron/select?q=neuron_id:...`; null for ids NeuroMorpho lacks. */
  neuron: DataLoader<number, NeuronRecord | null>;
  /** Measurement by neuron id, batched into `morphometry/select`; null when NeuroMorpho has none. */
  measurement: DataLoader<number, MeasurementRecord | null>;
  cacheStatus: ReturnType<typeof createCacheStatusLoader>;
  /** Parsed standard file per neuron (one per neuron, not batched upstream); null without a file URL. */
  morphology: MorphologyLoader;
  /** Seeds the neuron loader with records that arrived by another route (search pages, by-name lookups). */
  primeNeurons(neurons: readonly NeuronRecord[]): void;
}

/** Fresh loaders for one GraphQL request: nothing is shared between requests here. */
export function createRequestLoaders(
  client: NeuroMorphoClient,
  diskCache: DiskCache,
  onBatch?: (loader: 'neuron' | 'measurement', size: number) => void,
): RequestLoaders {
  const neuron = createBatchLoader('neuron', (ids) => client.getNeurons(ids), onBatch);
  return {
    neuron,
    measurement: createBatchLoader('measurement', (ids) => client.getMeasurements(ids), onBatch),
    cacheStatus: createCacheStatusLoader(diskCache),
    morphology: createMorphologyLoader(client),
    primeNeurons(neurons) {
      for (const record of neurons) neuron.prime(record.neuronId, record);
    },
  };
}

/**
 * One of the client's batch calls as a loader: one result per id, in id order, with the Error itself for
 * an id that failed (so one bad neuron nulls one field, not the whole list).
 */
function createBatchLoader<T>(
  kind: 'neuron' | 'measurement',
  load: (ids: readonly number[]) => Promise<BatchResult<T>>,
  onBatch?: (loader: 'neuron' | 'measurement', size: number) => void,
): DataLoader<number, T | null> {
  return new DataLoader<number, T | null>(
    async (ids) => {
      onBatch?.(kind, ids.length);
      const result = await load(ids);
      return ids.map((id) => result.found.get(id) ?? result.failed.get(id) ?? null);
    },
    { maxBatchSize: MAX_PAGE_SIZE },
  );
}

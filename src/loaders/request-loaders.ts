import DataLoader from 'dataloader';
import type { DiskCache } from '../disk/disk-cache.js';
import type { MeasurementRecord, NeuronRecord } from '../neuromorpho/types.js';
import { type BatchResult, MAX_PAGE_SIZE, type NeuroMorphoClient } from '../upstream/client-types.js';
import { type CacheStatusLoader, createCacheStatusLoader } from './cache-status-loader.js';
import { createMorphologyLoader, type MorphologyLoader } from './morphology-loader.js';

export interface RequestLoaders {
  /**
   * Neuron by id, batched into `neuron/select?q=neuron_id:...`; null for ids NeuroMorpho lacks. A record
   * this request already has (`primeNeurons`) is answered at once.
   */
  neuron: { load(id: number): NeuronRecord | null | Promise<NeuronRecord | null> };
  /**
   * Measurement by neuron id, batched into `morphometry/select`; null when NeuroMorpho has none. A
   * measurement this process holds fresh is answered at once (`client.peekMeasurement`), not a promise.
   */
  measurement: { load(id: number): MeasurementRecord | null | Promise<MeasurementRecord | null> };
  cacheStatus: CacheStatusLoader;
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
  // Records that came with a search page or a lookup by name. Kept in a map rather than primed into the
  // loader, which makes a promise per record: a warm page primes 20 and hardly ever asks for one again.
  const known = new Map<number, NeuronRecord>();
  const measurement = createBatchLoader('measurement', (ids) => client.getMeasurements(ids), onBatch);
  return {
    neuron: { load: (id) => known.get(id) ?? neuron.load(id) },
    measurement: {
      load(id) {
        const held = client.peekMeasurement(id);
        return held === undefined ? measurement.load(id) : held;
      },
    },
    cacheStatus: createCacheStatusLoader(diskCache),
    morphology: createMorphologyLoader(client),
    primeNeurons(neurons) {
      // The first record a request saw of a neuron stays its answer, as DataLoader's prime keeps it.
      for (const record of neurons) if (!known.has(record.neuronId)) known.set(record.neuronId, record);
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

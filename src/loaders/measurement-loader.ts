import DataLoader from 'dataloader';
import type { MeasurementRecord } from '../neuromorpho/types.js';
import { MAX_PAGE_SIZE, type NeuroMorphoClient } from '../upstream/client-types.js';

/** Measurement by neuron id, batched into `morphometry/select`; null when NeuroMorpho has none. */
export function createMeasurementLoader(
  client: NeuroMorphoClient,
  onBatch?: (loader: 'neuron' | 'measurement', size: number) => void,
) {
  return new DataLoader<number, MeasurementRecord | null>(
    async (ids) => {
      onBatch?.('measurement', ids.length);
      const result = await client.getMeasurements(ids);
      return ids.map((id) => result.found.get(id) ?? result.failed.get(id) ?? null);
    },
    { maxBatchSize: MAX_PAGE_SIZE },
  );
}

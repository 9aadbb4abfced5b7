import DataLoader from 'dataloader';
import type { NeuronRecord } from '../neuromorpho/types.js';
import { MAX_PAGE_SIZE, type NeuroMorphoClient } from '../upstream/client-types.js';

/** Neuron by id, batched into `neuron/select?q=neuron_id:...`; null for ids NeuroMorpho lacks. */
export function createNeuronLoader(
  client: NeuroMorphoClient,
  onBatch?: (loader: 'neuron' | 'measurement', size: number) => void,
) {
  return new DataLoader<number, NeuronRecord | null>(
    async (ids) => {
      onBatch?.('neuron', ids.length);
      const result = await client.getNeurons(ids);
      return ids.map((id) => result.found.get(id) ?? result.failed.get(id) ?? null);
    },
    { maxBatchSize: MAX_PAGE_SIZE },
  );
}

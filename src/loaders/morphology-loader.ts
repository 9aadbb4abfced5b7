import DataLoader from 'dataloader';
import type { NeuronRecord } from '../neuromorpho/types.js';
import type { Morphology, NeuroMorphoClient } from '../upstream/client-types.js';

/** `Neuron.morphology`'s loader: an answer at once when no I/O is needed, else a promise. */
export interface MorphologyLoader {
  load(neuron: NeuronRecord): Morphology | null | Promise<Morphology | null>;
}

/**
 * Parsed standard files for one request. A file the process keeps fresh is answered without a promise,
 * so a warm page of 50 resolves its morphologies as plain values (a promise per neuron, with the
 * executor's work of waiting for each, cost about as much as the rest of the page); the others go
 * through one loader batch, which the client reads from the store in one read.
 */
export function createMorphologyLoader(client: NeuroMorphoClient): MorphologyLoader {
  const loader = new DataLoader<NeuronRecord, Morphology | null, number>(
    (neurons) =>
      Promise.all(neurons.map((record) => client.getMorphology(record).catch((error: Error) => error))),
    { cacheKeyFn: (record) => record.neuronId },
  );
  return {
    load(neuron) {
      const known = client.peekMorphology(neuron);
      return known === undefined ? loader.load(neuron) : known;
    },
  };
}

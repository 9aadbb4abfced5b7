import { BadUserInputError } from '../errors.js';

/** Largest id NeuroMorpho could plausibly use; also keeps ids inside GraphQL's Int. */
const MAX_NEURON_ID = 2_147_483_647;

export function parseNeuronId(value: string | number): number {
  const id = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > MAX_NEURON_ID) {
    throw new BadUserInputError(`not a neuron id: ${JSON.stringify(String(value).slice(0, 40))}`);
  }
  return id;
}

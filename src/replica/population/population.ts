/** Builds the whole population once at start: recorded + fidelity fill + `size` generated neurons. */
import type { Fixtures } from '../fixtures.js';
import type { PopulationSummary } from '../types.js';
import type { NeuronEntry } from './entry.js';
import { fillNeurons } from './fill.js';
import { generateNeuron } from './generated.js';
import { MAX_GENERATED_SIZE } from './ids.js';
import { recordedNeurons } from './recorded.js';
import { createSynthesisContext } from './synthesize-record.js';

export interface Population {
  /** Ascending neuron_id: the default order of `/api/neuron`. */
  byNumericId: readonly NeuronEntry[];
  /** Ascending string order of neuron_id: the recorded default order of `/select`. */
  byStringId: readonly NeuronEntry[];
  byId: ReadonlyMap<number, NeuronEntry>;
  byName: ReadonlyMap<string, NeuronEntry>;
  summary: PopulationSummary;
}

export interface PopulationOptions {
  fixtures: Fixtures;
  size: number;
  seed: number;
  /** Site base written into links. */
  base: string;
}

export function validatePopulationSize(size: number): void {
  if (!Number.isInteger(size) || size < 0 || size > MAX_GENERATED_SIZE) {
    throw new RangeError(`replica size must be an integer from 0 to ${MAX_GENERATED_SIZE}, got ${size}`);
  }
}

export function buildPopulation({ fixtures, size, seed, base }: PopulationOptions): Population {
  validatePopulationSize(size);
  const partition = fixtures.neuronPartitionSpecies.fields;
  const speciesWeights = Object.entries(typeof partition === 'object' && partition !== null ? partition : {})
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[0] !== 'cat')
    .map(([species, count]) => [species, count] as const);
  const recorded = recordedNeurons(fixtures, seed, base);
  const ctx = { ...createSynthesisContext(seed, base), speciesWeights };
  const synthetic = fillNeurons(fixtures, ctx);
  for (let index = 0; index < size; index++) synthetic.push(generateNeuron(ctx, index));
  const all = [...recorded, ...synthetic];
  const byId = new Map<number, NeuronEntry>();
  const byName = new Map<string, NeuronEntry>();
  for (const entry of all) {
    if (byId.has(entry.id) || byName.has(entry.name)) {
      throw new Error(`replica population: duplicate neuron ${entry.id} ${entry.name}`);
    }
    byId.set(entry.id, entry);
    byName.set(entry.name, entry);
  }
  const byNumericId = [...all].sort((a, b) => a.id - b.id);
  const byStringId = [...all].sort((a, b) => compareStrings(String(a.id), String(b.id)));
  return {
    byNumericId,
    byStringId,
    byId,
    byName,
    summary: {
      ids: byNumericId.map((entry) => entry.id),
      recordedIds: recorded.map((entry) => entry.id),
      generatedIds: synthetic.map((entry) => entry.id).sort((a, b) => a - b),
      missingFileIds: synthetic.filter((entry) => entry.filesMissing).map((entry) => entry.id),
    },
  };
}

/** Code-unit order, like Solr's string sort (not locale order). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

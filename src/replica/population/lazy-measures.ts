/**
 * Records whose measures are computed on first read. Getters defined in the recorded key order keep the
 * served JSON byte for byte what an eager record gives, and a query that filters on `neuron_id` or
 * `species` never pays for a measurement it does not read.
 */
import { formatFloat, type JsonObject } from '../json.js';
import type { SwcShape } from './entry.js';
import { measureGeneratedFile } from './measured-morphometry.js';
import { type Measures, MORPHOMETRY_KEYS } from './morphometry.js';

export type MeasuresSource = () => Measures;

export function remember(compute: () => Measures): MeasuresSource {
  let measures: Measures | undefined;
  return () => {
    measures ??= compute();
    return measures;
  };
}

export function lazyMorphometryRecord(name: string, id: number, measures: MeasuresSource): JsonObject {
  const record: JsonObject = {};
  for (const key of MORPHOMETRY_KEYS) {
    if (key === 'neuron_name') record[key] = name;
    else if (key === 'neuron_id') record[key] = id;
    else defineGetter(record, key, () => measures()[key]);
  }
  return record;
}

/** A synthesized neuron record states the same soma surface, surface and volume as its morphometry. */
export function measureRecordFields(record: JsonObject, measures: MeasuresSource): void {
  // Redefining an existing key keeps its place in the record's key order.
  defineGetter(record, 'soma_surface', () => formatFloat(measures().soma_Surface));
  defineGetter(record, 'surface', () => formatFloat(measures().surface));
  defineGetter(record, 'volume', () => formatFloat(measures().volume));
}

function defineGetter(record: JsonObject, key: string, get: () => number | string): void {
  Object.defineProperty(record, key, { get, enumerable: true, configurable: true });
}

/**
 * A synthesized neuron: its synthesized measures shaped the tree its standard file is written from; the
 * file's own measures then replace them, in the morphometry record and in the neuron record alike.
 */
export function measuredSynthetic(
  neuron: { name: string; id: number; record: JsonObject; shape: SwcShape },
  synthesized: Measures,
): JsonObject {
  const measures = remember(() => ({ ...synthesized, ...measureGeneratedFile(neuron.shape) }));
  measureRecordFields(neuron.record, measures);
  return lazyMorphometryRecord(neuron.name, neuron.id, measures);
}

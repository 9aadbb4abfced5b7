/** Running sums and maxima of the summary, per slot: the whole neuron and each neurite group. */
import { NEURITE_GROUPS } from './neurite-types.js';

/** Slot 0 is the whole neuron, slot 1 + g neurite group g. */
export const SLOTS = 1 + NEURITE_GROUPS.length;

export class Totals {
  readonly nodes = new Float64Array(SLOTS);
  readonly length = new Float64Array(SLOTS);
  readonly surface = new Float64Array(SLOTS);
  readonly volume = new Float64Array(SLOTS);
  readonly stems = new Float64Array(SLOTS);
  readonly bifs = new Float64Array(SLOTS);
  readonly branches = new Float64Array(SLOTS);
  readonly tips = new Float64Array(SLOTS);
  readonly neuriteSamples = new Float64Array(SLOTS);
  readonly diameterSum = new Float64Array(SLOTS);
  readonly euclidean = new Float64Array(SLOTS);
  readonly path = new Float64Array(SLOTS);
  readonly order = new Float64Array(SLOTS);
  readonly contractionSum = new Float64Array(SLOTS);
  readonly contractionCount = new Float64Array(SLOTS);
  readonly asymmetrySum = new Float64Array(SLOTS);
  readonly asymmetryCount = new Float64Array(SLOTS);
  readonly localSum = new Float64Array(SLOTS);
  readonly localCount = new Float64Array(SLOTS);
  readonly remoteSum = new Float64Array(SLOTS);
  readonly remoteCount = new Float64Array(SLOTS);
  readonly extent = [new Float64Array(SLOTS), new Float64Array(SLOTS), new Float64Array(SLOTS)] as const;

  /** Adds to the whole neuron and to the group's slot. */
  add(field: Float64Array, slot: number, value: number): void {
    field[0] = (field[0] ?? 0) + value;
    field[slot] = (field[slot] ?? 0) + value;
  }

  max(field: Float64Array, slot: number, value: number): void {
    if (value > (field[0] ?? 0)) field[0] = value;
    if (value > (field[slot] ?? 0)) field[slot] = value;
  }
}

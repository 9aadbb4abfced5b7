import type { SwcShape } from './entry.js';
import type { Measures } from './morphometry.js';

/** The generated tree a neuron's standard SWC is drawn from, taken from its morphometry. */
export function shapeOf(measures: Measures, domain: unknown, seed: number): SwcShape {
  return {
    nodes: measures.fragmentation,
    stems: measures.n_stems,
    bifs: measures.n_bifs,
    length: measures.length,
    diameter: measures.diameter,
    somaRadius: Math.sqrt(Math.max(measures.soma_Surface, 1) / (4 * Math.PI)),
    hasAxon: typeof domain === 'string' && /(^|, )Axon/.test(domain),
    seed,
  };
}

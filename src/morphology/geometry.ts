/**
 * The samples as flat arrays for a 3-D viewer (three.js, SharkViewer): plain number arrays, so they go
 * through GraphQL's JSON as they are. `parents` holds array indices (-1 for a root), which is what a
 * buffer geometry needs; `ids[parents[i]]` gives the SWC parent id.
 */
import type { MorphologyTree } from './parse-swc.js';

export interface MorphologyGeometry {
  /** SWC sample ids, in file order (duplicates dropped). */
  ids: number[];
  /** SWC types: 1 soma, 2 axon, 3 basal dendrite, 4 apical dendrite, others as written. */
  types: number[];
  /** Index into these arrays of each sample's parent, -1 for a root. */
  parents: number[];
  /** x, y, z of each sample interleaved (3 per sample), µm. */
  positions: number[];
  /** µm. */
  radii: number[];
}

export function geometry(tree: MorphologyTree): MorphologyGeometry {
  return {
    ids: Array.from(tree.ids),
    types: Array.from(tree.types),
    parents: Array.from(tree.parents),
    positions: Array.from(tree.positions),
    radii: Array.from(tree.radii),
  };
}

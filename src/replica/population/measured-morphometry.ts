/**
 * Morphometry measured from the standard file a neuron serves, by the gateway's own morphology module,
 * so `measurement` and `morphology.summary` agree as they do on NeuroMorpho. Measuring costs about a
 * millisecond per generated neuron, so it happens when a record is first read (not while the population
 * is built) and is remembered process-wide: replicas with the same seed share the work.
 */
import { LRUCache } from 'lru-cache';
import { type MorphologySummary, parseSwc, summarize, treeFromSamples } from '../../morphology/index.js';
import { standardTree } from '../files/neuron-files.js';
import { STANDARD_COORDINATE_DECIMALS, servedSamples } from '../files/served-samples.js';
import { sig6 } from '../json.js';
import type { SwcShape } from './entry.js';
import type { Measures } from './morphometry.js';

/** The measures a standard file determines; pk_classic and fractal_Dim stay synthesized. */
export type FileMeasures = Partial<Omit<Measures, 'pk_classic' | 'fractal_Dim'>>;

const remembered = new LRUCache<string, FileMeasures>({ max: 50_000 });

export function measureGeneratedFile(shape: SwcShape): FileMeasures {
  const key = `${shape.seed}:${shape.nodes}:${shape.stems}:${shape.bifs}:${shape.length}:${shape.diameter}:${shape.somaRadius}:${shape.hasAxon}`;
  const known = remembered.get(key);
  if (known !== undefined) return known;
  // Line numbers only name issues, and a generated tree has none.
  const samples = servedSamples(standardTree(shape), STANDARD_COORDINATE_DECIMALS, 0);
  const measured = toFileMeasures(summarize(treeFromSamples(samples).tree));
  remembered.set(key, measured);
  return measured;
}

export function measureRealFile(bytes: Uint8Array): FileMeasures {
  return toFileMeasures(summarize(parseSwc(bytes).tree));
}

function toFileMeasures(summary: MorphologySummary): FileMeasures {
  const measures: FileMeasures = {
    surface: sig6(summary.surface),
    volume: sig6(summary.volume),
    n_stems: summary.nStems,
    n_bifs: summary.nBifs,
    n_branch: summary.nBranch,
    width: sig6(summary.width),
    height: sig6(summary.height),
    depth: sig6(summary.depth),
    eucDistance: sig6(summary.euclideanDistance),
    pathDistance: sig6(summary.pathDistance),
    branch_Order: summary.branchOrder,
    fragmentation: summary.fragmentation,
    length: sig6(summary.length),
  };
  // Quantities a tree may not define (no soma, no bifurcation) keep their synthesized value.
  if (summary.somaSurface !== null) measures.soma_Surface = sig6(summary.somaSurface);
  if (summary.diameter !== null) measures.diameter = sig6(summary.diameter);
  if (summary.contraction !== null) measures.contraction = sig6(summary.contraction);
  if (summary.partitionAsymmetry !== null) measures.partition_asymmetry = sig6(summary.partitionAsymmetry);
  if (summary.bifAmplLocal !== null) measures.bif_ampl_local = sig6(summary.bifAmplLocal);
  if (summary.bifAmplRemote !== null) measures.bif_ampl_remote = sig6(summary.bifAmplRemote);
  return measures;
}

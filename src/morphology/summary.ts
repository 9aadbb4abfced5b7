/**
 * Whole-neuron morphometry with L-Measure's conventions, named as the gateway's Measurement fields, and the
 * same per neurite group. A compartment is a non-soma sample with its parent: length H to the parent,
 * the sample's own radius r (btmorph `total_length`/`total_surface`/`total_volume`). Branches run from the
 * soma or a bifurcation to the next bifurcation or tip. Two linear passes over the samples.
 */
import { NEURITE_GROUPS, type NeuriteGroup, neuriteGroupIndex, SOMA_TYPE } from './neurite-types.js';
import type { MorphologyTree } from './parse-swc.js';
import { centralRange95 } from './select.js';
import type { SomaType } from './soma.js';
import { SLOTS, Totals } from './summary-totals.js';
import { length3, sampleDistance } from './vector.js';

export interface Morphometry {
  /** Samples (soma included in the whole-neuron figure). */
  nodes: number;
  /** Σ H, µm. */
  length: number;
  /** Σ 2πrH, µm², soma excluded. */
  surface: number;
  /** Σ πr²H, µm³, soma excluded. */
  volume: number;
  /** Neurites leaving the soma, plus neurites that start on their own (a non-soma root). */
  nStems: number;
  /** Non-soma samples with two or more neurite children. */
  nBifs: number;
  /** Branches: one per stem and one per child of a bifurcation (2·nBifs + nStems in a binary tree). */
  nBranch: number;
  /** Non-soma samples without neurite children. */
  nTips: number;
  /** Extent of the central 95 % of the samples along x, y, z (L-Measure's "95 % approach"), µm. */
  width: number;
  height: number;
  depth: number;
  /** Mean of 2r over non-soma samples, µm; null without any. */
  diameter: number | null;
  /** Largest straight distance from the soma centre to a non-soma sample, µm. */
  euclideanDistance: number;
  /** Largest distance along the tree from the soma to a non-soma sample, µm. */
  pathDistance: number;
  /** Largest number of bifurcations between the soma and a sample. */
  branchOrder: number;
  /** Mean over branches of straight length / path length; null without branches of non-zero length. */
  contraction: number | null;
  /** L-Measure's fragmentation: the number of samples (NeuroMorpho's 1274 for cnic_001's 1274 samples). */
  fragmentation: number;
  /** Mean over bifurcations of |n1 − n2| / (n1 + n2 − 2), n = tips below each of the first two children. */
  partitionAsymmetry: number | null;
  /** Mean angle in degrees between the first compartments of the first two children at a bifurcation. */
  bifAmplLocal: number | null;
  /** The same between the lines to the next bifurcation or tip of each child. */
  bifAmplRemote: number | null;
}

export interface NeuriteMorphometry extends Morphometry {
  type: NeuriteGroup;
}

export interface MorphologySummary extends Morphometry {
  somaType: SomaType;
  /** µm², null without a soma. */
  somaSurface: number | null;
  /** One entry per neurite group with samples, in NEURITE_GROUPS order. */
  neurites: NeuriteMorphometry[];
}

const DEGREES = 180 / Math.PI;

function angleDegrees(p: Float64Array, at: number, a: number, b: number): number {
  const ux = (p[a * 3] ?? 0) - (p[at * 3] ?? 0);
  const uy = (p[a * 3 + 1] ?? 0) - (p[at * 3 + 1] ?? 0);
  const uz = (p[a * 3 + 2] ?? 0) - (p[at * 3 + 2] ?? 0);
  const vx = (p[b * 3] ?? 0) - (p[at * 3] ?? 0);
  const vy = (p[b * 3 + 1] ?? 0) - (p[at * 3 + 1] ?? 0);
  const vz = (p[b * 3 + 2] ?? 0) - (p[at * 3 + 2] ?? 0);
  const norms = length3(ux, uy, uz) * length3(vx, vy, vz);
  if (norms === 0) return Number.NaN;
  return Math.acos(Math.max(-1, Math.min(1, (ux * vx + uy * vy + uz * vz) / norms))) * DEGREES;
}

interface Topology {
  /** Neurite (non-soma) children of each sample, and the first two of them (-1 if none). */
  kids: Int32Array;
  firstKid: Int32Array;
  secondKid: Int32Array;
}

function topologyOf(tree: MorphologyTree): Topology {
  const { size, types, childOffsets, children } = tree;
  const kids = new Int32Array(size);
  const firstKid = new Int32Array(size).fill(-1);
  const secondKid = new Int32Array(size).fill(-1);
  for (let i = 0; i < size; i++) {
    let count = 0;
    for (let c = childOffsets[i] ?? 0; c < (childOffsets[i + 1] ?? 0); c++) {
      const child = children[c] ?? 0;
      if (types[child] === SOMA_TYPE) continue;
      if (count === 0) firstKid[i] = child;
      else if (count === 1) secondKid[i] = child;
      count++;
    }
    kids[i] = count;
  }
  return { kids, firstKid, secondKid };
}

/** Top-down: compartment lengths, path distances and orders; everything that sums or maxes per sample. */
function measureSamples(tree: MorphologyTree, topology: Topology, totals: Totals, slotOf: Uint8Array) {
  const { types, parents, positions: p, radii, order, soma } = tree;
  const { kids } = topology;
  const compartment = new Float64Array(tree.size);
  const path = new Float64Array(tree.size);
  const bifOrder = new Int32Array(tree.size);
  const [cx, cy, cz] = soma.centre;
  for (const i of order) {
    const slot = slotOf[i] ?? 0;
    if (slot === 0) {
      totals.nodes[0] = (totals.nodes[0] ?? 0) + 1;
      continue;
    }
    totals.add(totals.nodes, slot, 1);
    const parent = parents[i] ?? -1;
    const fromNeurite = parent !== -1 && types[parent] !== SOMA_TYPE;
    const h = parent === -1 ? 0 : sampleDistance(p, i, parent);
    const r = radii[i] ?? 0;
    compartment[i] = h;
    path[i] = fromNeurite ? (path[parent] ?? 0) + h : h;
    bifOrder[i] = fromNeurite ? (bifOrder[parent] ?? 0) + ((kids[parent] ?? 0) >= 2 ? 1 : 0) : 0;
    totals.add(totals.length, slot, h);
    totals.add(totals.surface, slot, 2 * Math.PI * r * h);
    totals.add(totals.volume, slot, Math.PI * r * r * h);
    totals.add(totals.neuriteSamples, slot, 1);
    totals.add(totals.diameterSum, slot, 2 * r);
    const k = kids[i] ?? 0;
    if (!fromNeurite) totals.add(totals.stems, slot, 1);
    if (k >= 2) totals.add(totals.bifs, slot, 1);
    if (k === 0) totals.add(totals.tips, slot, 1);
    if (!fromNeurite || (kids[parent] ?? 0) >= 2) totals.add(totals.branches, slot, 1);
    const euclidean = length3((p[i * 3] ?? 0) - cx, (p[i * 3 + 1] ?? 0) - cy, (p[i * 3 + 2] ?? 0) - cz);
    totals.max(totals.euclidean, slot, euclidean);
    totals.max(totals.path, slot, path[i] ?? 0);
    totals.max(totals.order, slot, bifOrder[i] ?? 0);
  }
  return { compartment, path };
}

/** Bottom-up: tips below each sample and where each sample's branch ends, then per-branch and
 * per-bifurcation means. */
function measureBranches(
  tree: MorphologyTree,
  topology: Topology,
  totals: Totals,
  slotOf: Uint8Array,
  compartment: Float64Array,
  path: Float64Array,
): void {
  const { parents, positions: p, order, types } = tree;
  const { kids, firstKid, secondKid } = topology;
  const tipsBelow = new Int32Array(tree.size);
  const branchEnd = new Int32Array(tree.size);
  for (let o = order.length - 1; o >= 0; o--) {
    const i = order[o] ?? 0;
    if (slotOf[i] === 0) continue;
    const k = kids[i] ?? 0;
    branchEnd[i] = k === 1 ? (branchEnd[firstKid[i] ?? 0] ?? i) : i;
    tipsBelow[i] = k === 0 ? 1 : (tipsBelow[i] ?? 0);
    const parent = parents[i] ?? -1;
    if (parent !== -1 && types[parent] !== SOMA_TYPE)
      tipsBelow[parent] = (tipsBelow[parent] ?? 0) + (tipsBelow[i] ?? 0);
  }
  for (let i = 0; i < tree.size; i++) {
    const slot = slotOf[i] ?? 0;
    if (slot === 0) continue;
    const parent = parents[i] ?? -1;
    const fromNeurite = parent !== -1 && types[parent] !== SOMA_TYPE;
    if (!fromNeurite || (kids[parent] ?? 0) >= 2) {
      const end = branchEnd[i] ?? i;
      const pathLength = (path[end] ?? 0) - (path[i] ?? 0) + (compartment[i] ?? 0);
      if (pathLength > 0) {
        const straight = sampleDistance(p, parent === -1 ? i : parent, end);
        totals.add(totals.contractionSum, slot, straight / pathLength);
        totals.add(totals.contractionCount, slot, 1);
      }
    }
    if ((kids[i] ?? 0) < 2) continue;
    const a = firstKid[i] ?? 0;
    const b = secondKid[i] ?? 0;
    const n1 = tipsBelow[a] ?? 1;
    const n2 = tipsBelow[b] ?? 1;
    totals.add(totals.asymmetrySum, slot, n1 === 1 && n2 === 1 ? 0 : Math.abs(n1 - n2) / (n1 + n2 - 2));
    totals.add(totals.asymmetryCount, slot, 1);
    const local = angleDegrees(p, i, a, b);
    if (!Number.isNaN(local)) {
      totals.add(totals.localSum, slot, local);
      totals.add(totals.localCount, slot, 1);
    }
    const remote = angleDegrees(p, i, branchEnd[a] ?? a, branchEnd[b] ?? b);
    if (!Number.isNaN(remote)) {
      totals.add(totals.remoteSum, slot, remote);
      totals.add(totals.remoteCount, slot, 1);
    }
  }
}

/** Width, height, depth: all samples for the whole neuron, the group's samples for a group. */
function measureExtents(tree: MorphologyTree, totals: Totals, slotOf: Uint8Array): void {
  const buffers = Array.from({ length: SLOTS }, (_, slot) => new Float64Array(totals.nodes[slot] ?? 0));
  const filled = new Int32Array(SLOTS);
  const p = tree.positions;
  for (let axis = 0; axis < 3; axis++) {
    filled.fill(0);
    const all = buffers[0] ?? new Float64Array(0);
    for (let i = 0; i < tree.size; i++) {
      const v = p[i * 3 + axis] ?? 0;
      all[i] = v;
      const slot = slotOf[i] ?? 0;
      if (slot === 0) continue;
      const at = filled[slot] ?? 0;
      const group = buffers[slot];
      if (group !== undefined) group[at] = v;
      filled[slot] = at + 1;
    }
    for (let slot = 0; slot < SLOTS; slot++) {
      const extent = totals.extent[axis as 0 | 1 | 2];
      extent[slot] = centralRange95(buffers[slot] ?? new Float64Array(0));
    }
  }
}

function mean(sum: number | undefined, count: number | undefined): number | null {
  return count !== undefined && count > 0 ? (sum ?? 0) / count : null;
}

function morphometryOf(totals: Totals, slot: number): Morphometry {
  const at = (field: Float64Array) => field[slot] ?? 0;
  return {
    nodes: at(totals.nodes),
    length: at(totals.length),
    surface: at(totals.surface),
    volume: at(totals.volume),
    nStems: at(totals.stems),
    nBifs: at(totals.bifs),
    nBranch: at(totals.branches),
    nTips: at(totals.tips),
    width: at(totals.extent[0]),
    height: at(totals.extent[1]),
    depth: at(totals.extent[2]),
    diameter: mean(totals.diameterSum[slot], totals.neuriteSamples[slot]),
    euclideanDistance: at(totals.euclidean),
    pathDistance: at(totals.path),
    branchOrder: at(totals.order),
    contraction: mean(totals.contractionSum[slot], totals.contractionCount[slot]),
    fragmentation: at(totals.nodes),
    partitionAsymmetry: mean(totals.asymmetrySum[slot], totals.asymmetryCount[slot]),
    bifAmplLocal: mean(totals.localSum[slot], totals.localCount[slot]),
    bifAmplRemote: mean(totals.remoteSum[slot], totals.remoteCount[slot]),
  };
}

export function summarize(tree: MorphologyTree): MorphologySummary {
  // Slot per sample: 0 for soma samples (whole neuron only), 1 + group for neurite samples.
  const slotOf = new Uint8Array(tree.size);
  for (let i = 0; i < tree.size; i++) {
    const type = tree.types[i] ?? 0;
    slotOf[i] = type === SOMA_TYPE ? 0 : 1 + neuriteGroupIndex(type);
  }
  const totals = new Totals();
  const topology = topologyOf(tree);
  const { compartment, path } = measureSamples(tree, topology, totals, slotOf);
  measureBranches(tree, topology, totals, slotOf, compartment, path);
  measureExtents(tree, totals, slotOf);
  const neurites: NeuriteMorphometry[] = [];
  NEURITE_GROUPS.forEach((type, g) => {
    if ((totals.nodes[1 + g] ?? 0) > 0) neurites.push({ type, ...morphometryOf(totals, 1 + g) });
  });
  return {
    somaType: tree.soma.type,
    somaSurface: tree.soma.surface,
    ...morphometryOf(totals, 0),
    neurites,
  };
}

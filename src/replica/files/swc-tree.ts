/**
 * Deterministic random neuron trees for generated SWC files (synthesized). The tree has exactly
 * `shape.nodes` points, `shape.stems` primary neurites and `shape.bifs` bifurcations, so a file agrees
 * with the morphometry it was drawn from; the geometry is a persistent random walk, plausible but not
 * calibrated against width/height/depth.
 */

import type { SwcShape } from '../population/entry.js';
import { createRandom, type Random } from '../random.js';

export interface SwcTree {
  count: number;
  type: Uint8Array;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  radius: Float64Array;
  /** SWC parent id (1-based; -1 for the root). */
  parent: Int32Array;
}

export interface TreeOptions {
  /** CNG files use a 3-point soma; original uploads often a single point. */
  soma: 'three-point' | 'single';
  origin?: readonly [number, number, number];
}

type Vec = [number, number, number];

interface Pending {
  branch: number;
  parentId: number;
  at: Vec;
  dir: Vec;
  radius: number;
  type: number;
}

export function generateTree(shape: SwcShape, options: TreeOptions): SwcTree {
  const rng = createRandom(shape.seed);
  const somaPoints = options.soma === 'three-point' ? 3 : 1;
  const count = Math.max(somaPoints + 1, shape.nodes);
  const neurite = count - somaPoints;
  const stems = Math.max(1, Math.min(shape.stems, neurite));
  const bifs = Math.max(0, Math.min(shape.bifs, Math.floor((neurite - stems) / 2)));
  const tree: SwcTree = {
    count,
    type: new Uint8Array(count),
    x: new Float64Array(count),
    y: new Float64Array(count),
    z: new Float64Array(count),
    radius: new Float64Array(count),
    parent: new Int32Array(count),
  };
  const [ox, oy, oz] = options.origin ?? [0, 0, 0];
  const r = shape.somaRadius;
  const soma: Vec[] =
    somaPoints === 3
      ? [
          [ox, oy, oz],
          [ox, oy - r, oz],
          [ox, oy + r, oz],
        ]
      : [[ox, oy, oz]];
  soma.forEach(([x, y, z], i) => {
    setPoint(tree, i, 1, [x, y, z], r, i === 0 ? -1 : 1);
  });

  const { first, second } = topology(rng, stems, bifs);
  const lengths = allotPoints(rng, first.length, neurite);
  const step = shape.length / neurite;
  const stack: Pending[] = [];
  for (let stem = stems - 1; stem >= 0; stem--) {
    const dir = randomDirection(rng);
    const at: Vec = [ox + dir[0] * r, oy + dir[1] * r, oz + dir[2] * r];
    const type = stem === 0 && shape.hasAxon ? 2 : 3;
    stack.push({ branch: stem, parentId: 1, at, dir, radius: Math.max(0.15, shape.diameter * 0.8), type });
  }
  let next = somaPoints;
  for (let pending = stack.pop(); pending !== undefined; pending = stack.pop()) {
    let { at, dir, radius } = pending;
    let parentId = pending.parentId;
    for (let k = 0; k < (lengths[pending.branch] ?? 1); k++) {
      dir = normalize([
        dir[0] + rng.between(-0.35, 0.35),
        dir[1] + rng.between(-0.35, 0.35),
        dir[2] + rng.between(-0.12, 0.12),
      ]);
      at = [at[0] + dir[0] * step, at[1] + dir[1] * step, at[2] + dir[2] * step];
      radius = Math.max(0.1, radius * 0.997);
      setPoint(tree, next, pending.type, at, radius, parentId);
      next += 1;
      parentId = next; // ids are 1-based
    }
    const a = first[pending.branch] ?? -1;
    const b = second[pending.branch] ?? -1;
    if (a < 0 || b < 0) continue;
    const bend = randomDirection(rng);
    const spread = rng.between(0.3, 0.8);
    for (const [child, sign] of [
      [b, -1],
      [a, 1],
    ] as const) {
      const childDir = normalize([
        dir[0] + sign * bend[0] * spread,
        dir[1] + sign * bend[1] * spread,
        dir[2] + sign * bend[2] * spread,
      ]);
      stack.push({ branch: child, parentId, at, dir: childDir, radius: radius * 0.85, type: pending.type });
    }
  }
  return tree;
}

/** Binary branching: each bifurcation turns a random current tip into two child branches. */
function topology(rng: Random, stems: number, bifs: number): { first: Int32Array; second: Int32Array } {
  const branches = stems + 2 * bifs;
  const first = new Int32Array(branches).fill(-1);
  const second = new Int32Array(branches).fill(-1);
  const tips = Array.from({ length: stems }, (_, i) => i);
  let next = stems;
  for (let b = 0; b < bifs; b++) {
    const index = rng.int(0, tips.length - 1);
    const tip = tips[index] ?? 0;
    tips[index] = tips[tips.length - 1] ?? tip;
    tips.pop();
    first[tip] = next;
    second[tip] = next + 1;
    tips.push(next, next + 1);
    next += 2;
  }
  return { first, second };
}

/** Points per branch: at least one each, the rest spread with exponential weights (real branches vary). */
function allotPoints(rng: Random, branches: number, points: number): Int32Array {
  const lengths = new Int32Array(branches).fill(1);
  const weights = Array.from({ length: branches }, () => -Math.log(1 - rng.next()));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const extra = points - branches;
  let given = 0;
  weights.forEach((w, i) => {
    const share = Math.floor((extra * w) / total);
    lengths[i] = (lengths[i] ?? 1) + share;
    given += share;
  });
  for (let left = extra - given; left > 0; left--) {
    const i = rng.int(0, branches - 1);
    lengths[i] = (lengths[i] ?? 1) + 1;
  }
  return lengths;
}

function setPoint(tree: SwcTree, i: number, type: number, at: Vec, radius: number, parent: number): void {
  tree.type[i] = type;
  tree.x[i] = at[0];
  tree.y[i] = at[1];
  tree.z[i] = at[2];
  tree.radius[i] = radius;
  tree.parent[i] = parent;
}

function randomDirection(rng: Random): Vec {
  // Flattened in z: slices make real neurons shallower than they are wide.
  return normalize([rng.between(-1, 1), rng.between(-1, 1), rng.between(-0.3, 0.3)]);
}

function normalize([x, y, z]: Vec): Vec {
  const n = Math.hypot(x, y, z) || 1;
  return [x / n, y / n, z / n];
}

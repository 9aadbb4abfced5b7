/**
 * Which soma convention a file uses, where the soma centre is and its surface, following the references:
 * NeuroMorpho's three-point soma and the single point as a sphere of the sample's radius (4πr²:
 * btmorph `approx_soma`, MorphIO), a chain or tree of type-1 samples as cylinders (btmorph's surface for
 * them: Σ 2π r_parent H over soma samples with a soma parent, which its tests check on l22), and an
 * outline in one plane as a contour (braincell's test: the sample farthest from both ends of the chain sees
 * them at 90° or less; NeuroM's size: 4πr² with r the mean distance of the outline from its centroid).
 */
import { SOMA_TYPE } from './neurite-types.js';
import type { SampleTree } from './tree.js';

export type SomaType = 'THREE_POINT' | 'SINGLE_POINT' | 'MULTI_CYLINDER' | 'CONTOUR' | 'NONE';

export interface Soma {
  type: SomaType;
  /** Number of type-1 samples. */
  samples: number;
  /** Where distances (euclidean, Sholl) are measured from: the centre sample, the root of a cylinder soma,
   * the centroid of a contour, or the main root when there is no soma. */
  centre: [number, number, number];
  /** Radius of the sphere with the soma's surface (0 without a soma), for drawings. */
  radius: number;
  /** µm², null without a soma. */
  surface: number | null;
}

/** braincell's tolerance for the three-point pattern: 2 % of the radius. */
const THREE_POINT_TOLERANCE = 0.02;

function point(tree: SampleTree, i: number): [number, number, number] {
  const p = tree.positions;
  return [p[i * 3] ?? 0, p[i * 3 + 1] ?? 0, p[i * 3 + 2] ?? 0];
}

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0));
}

function isSoma(tree: SampleTree, i: number): boolean {
  return i >= 0 && tree.types[i] === SOMA_TYPE;
}

/** NeuroMorpho's pattern: a centre of radius r with two soma children at distance r on opposite sides. */
function isThreePoint(tree: SampleTree, soma: number[]): boolean {
  const centre = soma.find((i) => !isSoma(tree, tree.parents[i] ?? -1));
  if (centre === undefined) return false;
  const sides = soma.filter((i) => i !== centre);
  const r = tree.radii[centre] ?? 0;
  if (!(r > 0) || sides.some((i) => tree.parents[i] !== centre)) return false;
  const tolerance = Math.max(THREE_POINT_TOLERANCE * r, 1e-6);
  const c = point(tree, centre);
  const [a, b] = sides.map((i) => point(tree, i));
  if (a === undefined || b === undefined) return false;
  const opposite = Math.hypot(a[0] + b[0] - 2 * c[0], a[1] + b[1] - 2 * c[1], a[2] + b[2] - 2 * c[2]);
  return (
    sides.every((i) => Math.abs((tree.radii[i] ?? 0) - r) <= tolerance) &&
    Math.abs(distance(a, c) - r) <= tolerance &&
    Math.abs(distance(b, c) - r) <= tolerance &&
    opposite <= 2 * tolerance
  );
}

/** The soma samples as one unbranched chain from its root, or null when they branch or split. */
function somaChain(tree: SampleTree, soma: number[]): number[] | null {
  const starts = soma.filter((i) => !isSoma(tree, tree.parents[i] ?? -1));
  if (starts.length !== 1) return null;
  const chain: number[] = [];
  let at = starts[0] ?? -1;
  while (at !== -1) {
    chain.push(at);
    let next = -1;
    for (let c = tree.childOffsets[at] ?? 0; c < (tree.childOffsets[at + 1] ?? 0); c++) {
      const child = tree.children[c] ?? 0;
      if (!isSoma(tree, child)) continue;
      if (next !== -1) return null;
      next = child;
    }
    at = next;
  }
  return chain.length === soma.length ? chain : null;
}

function isContour(tree: SampleTree, chain: number[]): boolean {
  if (chain.length <= 3) return false;
  const start = point(tree, chain[0] ?? 0);
  const end = point(tree, chain[chain.length - 1] ?? 0);
  let farthest: [number, number, number] | null = null;
  let best = -1;
  for (const i of chain.slice(1, -1)) {
    const p = point(tree, i);
    const score = Math.min(distance(start, p), distance(p, end));
    if (score > best) {
      best = score;
      farthest = p;
    }
  }
  if (farthest === null || best <= 0) return false;
  const u = [start[0] - farthest[0], start[1] - farthest[1], start[2] - farthest[2]];
  const v = [end[0] - farthest[0], end[1] - farthest[1], end[2] - farthest[2]];
  const nu = Math.hypot(u[0] ?? 0, u[1] ?? 0, u[2] ?? 0);
  const nv = Math.hypot(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0);
  if (nu === 0 || nv === 0) return true; // the outline closes on itself
  const cos = ((u[0] ?? 0) * (v[0] ?? 0) + (u[1] ?? 0) * (v[1] ?? 0) + (u[2] ?? 0) * (v[2] ?? 0)) / (nu * nv);
  return cos >= Math.cos(Math.PI / 2) - 1e-9;
}

function contourSoma(tree: SampleTree, chain: number[]): Soma {
  const centre: [number, number, number] = [0, 0, 0];
  for (const i of chain) {
    const p = point(tree, i);
    centre[0] += p[0] / chain.length;
    centre[1] += p[1] / chain.length;
    centre[2] += p[2] / chain.length;
  }
  let sum = 0;
  for (const i of chain) sum += distance(point(tree, i), centre);
  const radius = sum / chain.length;
  return { type: 'CONTOUR', samples: chain.length, centre, radius, surface: 4 * Math.PI * radius * radius };
}

function cylinderSoma(tree: SampleTree, soma: number[]): Soma {
  let surface = 0;
  for (const i of soma) {
    const p = tree.parents[i] ?? -1;
    if (!isSoma(tree, p)) continue;
    surface += 2 * Math.PI * (tree.radii[p] ?? 0) * distance(point(tree, i), point(tree, p));
  }
  const root = soma.find((i) => !isSoma(tree, tree.parents[i] ?? -1)) ?? soma[0] ?? 0;
  return {
    type: 'MULTI_CYLINDER',
    samples: soma.length,
    centre: point(tree, root),
    radius: Math.sqrt(surface / (4 * Math.PI)),
    surface,
  };
}

function sphereSoma(
  tree: SampleTree,
  type: 'THREE_POINT' | 'SINGLE_POINT',
  centre: number,
  samples: number,
): Soma {
  const r = Math.max(0, tree.radii[centre] ?? 0);
  return { type, samples, centre: point(tree, centre), radius: r, surface: 4 * Math.PI * r * r };
}

/** The first soma root in file order, else the first root: the tree the soma belongs to. */
export function mainRoot(tree: SampleTree): number {
  for (const r of tree.roots) if (isSoma(tree, r)) return r;
  return tree.roots[0] ?? -1;
}

export function describeSoma(tree: SampleTree): Soma {
  const soma: number[] = [];
  for (let i = 0; i < tree.size; i++) if (tree.types[i] === SOMA_TYPE) soma.push(i);
  if (soma.length === 0) {
    const root = mainRoot(tree);
    return {
      type: 'NONE',
      samples: 0,
      centre: root === -1 ? [0, 0, 0] : point(tree, root),
      radius: 0,
      surface: null,
    };
  }
  if (soma.length === 1) return sphereSoma(tree, 'SINGLE_POINT', soma[0] ?? 0, 1);
  if (soma.length === 3 && isThreePoint(tree, soma)) {
    const centre = soma.find((i) => !isSoma(tree, tree.parents[i] ?? -1)) ?? 0;
    return sphereSoma(tree, 'THREE_POINT', centre, 3);
  }
  const chain = somaChain(tree, soma);
  if (chain !== null && isContour(tree, chain)) return contourSoma(tree, chain);
  return cylinderSoma(tree, soma);
}

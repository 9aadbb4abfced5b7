/**
 * Sholl profile: for spheres of radius step, 2·step, ... around the soma centre, how many compartments
 * cross each one. A compartment (a non-soma sample and its parent) crosses radius R when one end is inside
 * and the other on or outside: min(d1, d2) < R <= max(d1, d2). One pass plus a prefix sum, so
 * O(samples + radii); the radii are capped at MAX_SHOLL_RADII by widening the step.
 */
import { InvalidMorphologyOptionError } from './invalid-option-error.js';
import { SOMA_TYPE } from './neurite-types.js';
import type { MorphologyTree } from './parse-swc.js';
import { length3 } from './vector.js';

export interface ShollPoint {
  /** µm from the soma centre. */
  radius: number;
  intersections: number;
}

export const MAX_SHOLL_RADII = 1000;

export function sholl(tree: MorphologyTree, stepUm = 10): ShollPoint[] {
  if (!Number.isFinite(stepUm) || stepUm <= 0) {
    throw new InvalidMorphologyOptionError(`Sholl step must be a positive number of µm (got ${stepUm})`);
  }
  const { size, types, parents, positions: p } = tree;
  const [cx, cy, cz] = tree.soma.centre;
  const distance = new Float64Array(size);
  let farthest = 0;
  for (let i = 0; i < size; i++) {
    const d = length3((p[i * 3] ?? 0) - cx, (p[i * 3 + 1] ?? 0) - cy, (p[i * 3 + 2] ?? 0) - cz);
    distance[i] = d;
    if (types[i] !== SOMA_TYPE && parents[i] !== -1 && d > farthest) farthest = d;
  }
  if (farthest === 0) return [];
  const step = Math.max(stepUm, farthest / MAX_SHOLL_RADII);
  const count = Math.min(MAX_SHOLL_RADII, Math.max(1, Math.ceil(farthest / step)));
  // delta[k] changes the count from radius index k on (radius (k + 1) * step).
  const delta = new Int32Array(count + 1);
  for (let i = 0; i < size; i++) {
    const parent = parents[i] ?? -1;
    if (types[i] === SOMA_TYPE || parent === -1) continue;
    const a = distance[i] ?? 0;
    const b = distance[parent] ?? 0;
    const first = Math.floor(Math.min(a, b) / step); // smallest k - 1 with k * step > min
    const last = Math.min(count, Math.floor(Math.max(a, b) / step)); // largest k with k * step <= max
    if (last <= first) continue;
    delta[first] = (delta[first] ?? 0) + 1;
    delta[last] = (delta[last] ?? 0) - 1;
  }
  const profile: ShollPoint[] = [];
  let running = 0;
  for (let k = 0; k < count; k++) {
    running += delta[k] ?? 0;
    profile.push({ radius: (k + 1) * step, intersections: running });
  }
  return profile;
}

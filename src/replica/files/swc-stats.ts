/**
 * Whole-neuron statistics of an SWC text, used to give a real file (neuron 604's) morphometry that
 * agrees with its bytes. Definitions follow L-Measure loosely; they are the replica's, not NeuroMorpho's.
 */

export interface SwcStats {
  nodes: number;
  stems: number;
  bifs: number;
  length: number;
  width: number;
  height: number;
  depth: number;
  diameter: number;
  eucDistance: number;
  pathDistance: number;
  branchOrder: number;
}

interface Point {
  type: number;
  x: number;
  y: number;
  z: number;
  r: number;
  parent: number;
}

export function parseSwcPoints(text: string): Map<number, Point> {
  const points = new Map<number, Point>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [id, type, x, y, z, r, parent] = line.split(/\s+/).map(Number);
    if (id === undefined || parent === undefined || Number.isNaN(parent)) continue;
    points.set(id, { type: type ?? 0, x: x ?? 0, y: y ?? 0, z: z ?? 0, r: r ?? 0, parent });
  }
  return points;
}

export function swcStats(text: string): SwcStats {
  const points = parseSwcPoints(text);
  const children = new Map<number, number>();
  for (const p of points.values()) children.set(p.parent, (children.get(p.parent) ?? 0) + 1);
  const isSoma = (id: number): boolean => points.get(id)?.type === 1;
  const root = [...points.entries()].find(([, p]) => p.parent === -1);
  const origin = root?.[1] ?? { x: 0, y: 0, z: 0 };
  const path = new Map<number, number>();
  const order = new Map<number, number>();
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  let length = 0;
  let stems = 0;
  let bifs = 0;
  let diameterSum = 0;
  let neurites = 0;
  let eucDistance = 0;
  let pathDistance = 0;
  let branchOrder = 0;
  // SWC lists parents before children, so one pass in file order sees every parent first.
  for (const [id, p] of points) {
    [p.x, p.y, p.z].forEach((v, axis) => {
      min[axis] = Math.min(min[axis] ?? v, v);
      max[axis] = Math.max(max[axis] ?? v, v);
    });
    eucDistance = Math.max(eucDistance, Math.hypot(p.x - origin.x, p.y - origin.y, p.z - origin.z));
    if (p.type === 1) continue;
    neurites += 1;
    diameterSum += 2 * p.r;
    if ((children.get(id) ?? 0) >= 2) bifs += 1;
    const parent = points.get(p.parent);
    if (parent === undefined || isSoma(p.parent)) {
      stems += 1;
      path.set(id, 0);
      order.set(id, 0);
      continue;
    }
    const segment = Math.hypot(p.x - parent.x, p.y - parent.y, p.z - parent.z);
    length += segment;
    const distance = (path.get(p.parent) ?? 0) + segment;
    const depthOrder = (order.get(p.parent) ?? 0) + ((children.get(p.parent) ?? 0) >= 2 ? 1 : 0);
    path.set(id, distance);
    order.set(id, depthOrder);
    pathDistance = Math.max(pathDistance, distance);
    branchOrder = Math.max(branchOrder, depthOrder);
  }
  const extent = (axis: number): number => (max[axis] ?? 0) - (min[axis] ?? 0);
  return {
    nodes: points.size,
    stems,
    bifs,
    length,
    width: extent(0),
    height: extent(1),
    depth: extent(2),
    diameter: neurites > 0 ? diameterSum / neurites : 0,
    eucDistance,
    pathDistance,
    branchOrder,
  };
}

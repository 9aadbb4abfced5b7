/**
 * A 2-D drawing of the neuron as an SVG string: neurites as stroked paths coloured by group, stroke width
 * from the diameter (in 25 width classes), the soma as a circle, a scale bar in µm, fitted to the box.
 * Size stays bounded: consecutive compartments of one branch with one colour and width class are one
 * polyline, grouped into one <path> per (group, width class), and points closer than half a pixel to the
 * last drawn one are skipped. Nothing from the file but numbers reaches the output.
 */
import { InvalidMorphologyOptionError } from './invalid-option-error.js';
import { NEURITE_GROUPS, neuriteGroupIndex, SOMA_TYPE } from './neurite-types.js';
import type { MorphologyTree } from './parse-swc.js';

export type Projection = 'XY' | 'XZ' | 'YZ';

export interface SvgOptions {
  /** Which plane to draw: XY looks down z, XZ down y, YZ down x. @default 'XY' */
  projection?: Projection;
  /** Pixels, 16 to 8192. @default 800 */
  width?: number;
  /** Pixels, 16 to 8192. @default 600 */
  height?: number;
}

export const NEURITE_COLOURS: Record<(typeof NEURITE_GROUPS)[number], string> = {
  AXON: '#1f5fbf',
  BASAL_DENDRITE: '#d62728',
  APICAL_DENDRITE: '#9b30c0',
  OTHER: '#2ca02c',
};
const SOMA_COLOUR = '#222222';
const MARGIN = 10;
const SCALE_BAND = 30;
const WIDTH_CLASSES = 25;
const THINNEST = 0.5;
const WIDTH_RATIO = 1.25;
const MIN_STEP_PX = 0.5;
/** Screen axes per projection: [horizontal, vertical] coordinate index; vertical is flipped (up is +). */
const AXES: Record<Projection, [number, number]> = { XY: [0, 1], XZ: [0, 2], YZ: [1, 2] };

function checkedSize(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 16 || value > 8192) {
    throw new InvalidMorphologyOptionError(
      `SVG ${name} must be an integer from 16 to 8192 pixels (got ${value})`,
    );
  }
  return value;
}

/** One decimal, no "-0": the same number always prints the same way. */
function fmt(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function widthClass(px: number): number {
  if (!(px > THINNEST)) return 0;
  return Math.min(WIDTH_CLASSES - 1, Math.round(Math.log(px / THINNEST) / Math.log(WIDTH_RATIO)));
}

/** The largest 1, 2 or 5 × 10^k µm not longer than `limit`. */
function niceLength(limit: number): number {
  const power = 10 ** Math.floor(Math.log10(limit));
  for (const m of [5, 2, 1]) if (m * power <= limit) return m * power;
  return power;
}

interface Frame {
  scale: number;
  u0: number;
  v0: number;
}

function fitToBox(tree: MorphologyTree, h: number, v: number, width: number, height: number): Frame | null {
  const p = tree.positions;
  let minU = Number.POSITIVE_INFINITY;
  let maxU = Number.NEGATIVE_INFINITY;
  let minV = Number.POSITIVE_INFINITY;
  let maxV = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < tree.size; i++) {
    const u = p[i * 3 + h] ?? 0;
    const w = -(p[i * 3 + v] ?? 0);
    if (u < minU) minU = u;
    if (u > maxU) maxU = u;
    if (w < minV) minV = w;
    if (w > maxV) maxV = w;
  }
  if (tree.size === 0) return null;
  const r = tree.soma.radius;
  const cu = tree.soma.centre[h] ?? 0;
  const cv = -(tree.soma.centre[v] ?? 0);
  minU = Math.min(minU, cu - r);
  maxU = Math.max(maxU, cu + r);
  minV = Math.min(minV, cv - r);
  maxV = Math.max(maxV, cv + r);
  const areaW = width - 2 * MARGIN;
  const areaH = height - 2 * MARGIN - SCALE_BAND;
  const spanU = maxU - minU;
  const spanV = maxV - minV;
  const scale = Math.min(
    spanU > 0 ? areaW / spanU : Number.POSITIVE_INFINITY,
    spanV > 0 ? areaH / spanV : Number.POSITIVE_INFINITY,
  );
  const s = Number.isFinite(scale) ? scale : 1;
  return {
    scale: s,
    u0: MARGIN + (areaW - spanU * s) / 2 - minU * s,
    v0: MARGIN + (areaH - spanV * s) / 2 - minV * s,
  };
}

function neuritePaths(tree: MorphologyTree, h: number, v: number, frame: Frame): string[] {
  const { size, types, parents, positions: p, radii, order, childOffsets, children } = tree;
  // Keys: one per (neurite group, width class), then one per width class for soma cylinders and outlines.
  const somaKeys = NEURITE_GROUPS.length * WIDTH_CLASSES;
  const keys = somaKeys + WIDTH_CLASSES;
  const drawSoma = tree.soma.type === 'MULTI_CYLINDER' || tree.soma.type === 'CONTOUR';
  const parts: string[][] = Array.from({ length: keys }, () => []);
  const lastSample = new Int32Array(keys).fill(-1);
  const lastU = new Float64Array(keys);
  const lastV = new Float64Array(keys);
  const keyOf = new Int32Array(size).fill(-1);
  const su = (i: number) => frame.u0 + (p[i * 3 + h] ?? 0) * frame.scale;
  const sv = (i: number) => frame.v0 - (p[i * 3 + v] ?? 0) * frame.scale;
  for (let i = 0; i < size; i++) {
    const parent = parents[i] ?? -1;
    if (parent === -1) continue;
    const soma = types[i] === SOMA_TYPE;
    if (soma && !(drawSoma && types[parent] === SOMA_TYPE)) continue;
    const base = soma ? somaKeys : neuriteGroupIndex(types[i] ?? 0) * WIDTH_CLASSES;
    keyOf[i] = base + widthClass(2 * (radii[soma ? parent : i] ?? 0) * frame.scale);
  }
  for (const i of order) {
    const key = keyOf[i] ?? -1;
    if (key === -1) continue;
    const parent = parents[i] ?? -1;
    const out = parts[key] ?? [];
    const u = su(i);
    const w = sv(i);
    // The run goes on through the first child of the same key; anything else ends it here.
    let next = -1;
    for (let c = childOffsets[i] ?? 0; c < (childOffsets[i + 1] ?? 0) && next === -1; c++) {
      const child = children[c] ?? 0;
      if (keyOf[child] !== -1) next = child;
    }
    const runEnds = next === -1 || keyOf[next] !== key;
    if (lastSample[key] === parent) {
      const du = u - (lastU[key] ?? 0);
      const dv = w - (lastV[key] ?? 0);
      const far = du * du + dv * dv >= MIN_STEP_PX * MIN_STEP_PX;
      if (far || runEnds) {
        out.push(` ${fmt(u)} ${fmt(w)}`);
        lastU[key] = u;
        lastV[key] = w;
      }
    } else {
      out.push(`M${fmt(su(parent))} ${fmt(sv(parent))}L${fmt(u)} ${fmt(w)}`);
      lastU[key] = u;
      lastV[key] = w;
    }
    lastSample[key] = i;
  }
  const groups: string[] = [];
  const group = (attribute: string, colour: string, base: number) => {
    const paths: string[] = [];
    for (let k = 0; k < WIDTH_CLASSES; k++) {
      const d = parts[base + k] ?? [];
      if (d.length === 0) continue;
      paths.push(`<path stroke-width="${fmt(THINNEST * WIDTH_RATIO ** k)}" d="${d.join('')}"/>`);
    }
    if (paths.length > 0) groups.push(`<g ${attribute} stroke="${colour}">${paths.join('')}</g>`);
  };
  group('data-soma-outline=""', SOMA_COLOUR, somaKeys);
  NEURITE_GROUPS.forEach((name, g) => {
    group(`data-neurite="${name}"`, NEURITE_COLOURS[name], g * WIDTH_CLASSES);
  });
  return groups;
}

function scaleBar(frame: Frame, width: number, height: number): string {
  const length = niceLength((0.2 * (width - 2 * MARGIN)) / frame.scale);
  const px = length * frame.scale;
  const y = height - MARGIN - 8;
  const label = `${Number(length.toPrecision(1))} &#181;m`;
  return (
    `<g data-scale-bar="">` +
    `<path d="M${fmt(MARGIN)} ${fmt(y)}h${fmt(px)}" stroke="#000000" stroke-width="2"/>` +
    `<text x="${fmt(MARGIN + px + 6)}" y="${fmt(y + 4)}" font-family="sans-serif" font-size="12" fill="#000000">${label}</text>` +
    `</g>`
  );
}

export function svg(tree: MorphologyTree, options: SvgOptions = {}): string {
  const projection = options.projection ?? 'XY';
  const axes = AXES[projection];
  if (axes === undefined) {
    throw new InvalidMorphologyOptionError(`SVG projection must be XY, XZ or YZ (got ${String(projection)})`);
  }
  const width = checkedSize('width', options.width ?? 800);
  const height = checkedSize('height', options.height ?? 600);
  const [h, v] = axes;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  const frame = fitToBox(tree, h, v, width, height);
  if (frame !== null) {
    out.push(
      `<g fill="none" stroke-linecap="round" stroke-linejoin="round">${neuritePaths(tree, h, v, frame).join('')}</g>`,
    );
    if (tree.soma.type !== 'NONE') {
      const cx = frame.u0 + (tree.soma.centre[h] ?? 0) * frame.scale;
      const cy = frame.v0 - (tree.soma.centre[v] ?? 0) * frame.scale;
      const r = Math.max(1.5, tree.soma.radius * frame.scale);
      out.push(
        `<circle data-soma="${tree.soma.type}" cx="${fmt(cx)}" cy="${fmt(cy)}" r="${fmt(r)}" fill="${SOMA_COLOUR}"/>`,
      );
    }
    out.push(scaleBar(frame, width, height));
  }
  out.push('</svg>');
  return out.join('');
}

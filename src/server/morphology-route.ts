import { BadUserInputError } from '../errors.js';
import type { Projection } from '../morphology/index.js';
import { MAX_SIDE_PX, MIN_SIDE_PX } from '../morphology-render/drawing-size.js';
import { parseNeuronId } from '../schema/neuron-id.js';

/** Drawing sides accepted, in pixels: the same bounds as the GraphQL `svg` field. */
const DEFAULT_VIEW = { projection: 'XY', width: 800, height: 600 } as const;
const PROJECTIONS: readonly Projection[] = ['XY', 'XZ', 'YZ'];

export interface DrawingView {
  projection: Projection;
  width: number;
  height: number;
}

/** What one `/neurons/{id}/...` request asks for, checked. */
export type MorphologyRoute =
  | { kind: 'svg' | 'png'; neuronId: number; view: DrawingView }
  | { kind: 'swc'; neuronId: number };

const PATH = /^\/neurons\/([^/]*)\/(morphology\.svg|morphology\.png|standard\.swc)$/;
const KIND = { 'morphology.svg': 'svg', 'morphology.png': 'png', 'standard.swc': 'swc' } as const;

/** The paths these routes own: anything else under /neurons/ is left to the 404 route. */
export function isMorphologyPath(pathname: string): boolean {
  return PATH.test(pathname);
}

function side(name: 'width' | 'height', text: string): number {
  const value = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= MIN_SIDE_PX && value <= MAX_SIDE_PX)) {
    throw new BadUserInputError(
      `${name} must be an integer from ${MIN_SIDE_PX} to ${MAX_SIDE_PX} (got ${JSON.stringify(text.slice(0, 20))})`,
    );
  }
  return value;
}

/**
 * Reads the route from a URL whose path isMorphologyPath. Every parameter is checked before any work, and
 * unknown or repeated ones are refused, so only the handful of validated values can make a cache key.
 */
export function parseMorphologyRoute(url: URL): MorphologyRoute {
  const [, idText = '', file = ''] = PATH.exec(url.pathname) ?? [];
  const neuronId = parseNeuronId(idText);
  const kind = KIND[file as keyof typeof KIND];
  const allowed = kind === 'swc' ? [] : ['projection', 'width', 'height'];
  const seen = new Set<string>();
  for (const name of url.searchParams.keys()) {
    if (!allowed.includes(name)) {
      throw new BadUserInputError(
        `unknown parameter ${JSON.stringify(name.slice(0, 40))}${allowed.length ? `; use ${allowed.join(', ')}` : ''}`,
      );
    }
    if (seen.has(name)) throw new BadUserInputError(`parameter ${name} given more than once`);
    seen.add(name);
  }
  if (kind === 'swc') return { kind, neuronId };
  const projection = url.searchParams.get('projection') ?? DEFAULT_VIEW.projection;
  if (!PROJECTIONS.includes(projection as Projection)) {
    throw new BadUserInputError(
      `projection must be XY, XZ or YZ (got ${JSON.stringify(projection.slice(0, 20))})`,
    );
  }
  const width = url.searchParams.get('width');
  const height = url.searchParams.get('height');
  return {
    kind,
    neuronId,
    view: {
      projection: projection as Projection,
      width: width === null ? DEFAULT_VIEW.width : side('width', width),
      height: height === null ? DEFAULT_VIEW.height : side('height', height),
    },
  };
}

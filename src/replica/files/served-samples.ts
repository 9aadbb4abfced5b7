/**
 * A generated tree's samples exactly as a reader of its served SWC text gets them back: coordinates and
 * radii rounded to the decimals swcText writes (formatFixed's `Math.round(v * 10^d) / 10^d` is the very
 * double a correctly rounded parser reads from those digits), ids 1..n in file order.
 */
import type { SampleColumns } from '../../morphology/index.js';
import type { SwcTree } from './swc-tree.js';

export const STANDARD_COORDINATE_DECIMALS = 2;
export const RADIUS_DECIMALS = 4;

export function servedSamples(tree: SwcTree, coordinateDecimals: number, headerLines: number): SampleColumns {
  const n = tree.count;
  const columns: SampleColumns = {
    count: n,
    ids: new Int32Array(n),
    types: new Int32Array(n),
    positions: new Float64Array(n * 3),
    radii: new Float64Array(n),
    parentIds: new Float64Array(n),
    lines: new Int32Array(n),
  };
  const scale = 10 ** coordinateDecimals;
  const radiusScale = 10 ** RADIUS_DECIMALS;
  for (let i = 0; i < n; i++) {
    columns.ids[i] = i + 1;
    columns.types[i] = tree.type[i] ?? 0;
    columns.positions[i * 3] = Math.round((tree.x[i] ?? 0) * scale) / scale;
    columns.positions[i * 3 + 1] = Math.round((tree.y[i] ?? 0) * scale) / scale;
    columns.positions[i * 3 + 2] = Math.round((tree.z[i] ?? 0) * scale) / scale;
    columns.radii[i] = Math.round((tree.radius[i] ?? 0) * radiusScale) / radiusScale;
    columns.parentIds[i] = tree.parent[i] ?? -1;
    columns.lines[i] = headerLines + i + 1;
  }
  return columns;
}

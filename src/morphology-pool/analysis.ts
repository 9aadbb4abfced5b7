/**
 * What the gateway keeps of one parsed SWC file: everything `Neuron.morphology` answers without the
 * file (soma type, issues, summaries, geometry), as plain JSON values so the response cache (memory or
 * Redis) stores it as it is, but for the geometry: packed bytes in shared memory, base64 in JSON
 * (packed-geometry.ts). Drawings and Sholl profiles are made again from the geometry.
 */
import {
  type MorphologySummary,
  type Morphometry,
  type NeuriteMorphometry,
  parseSwc,
  type ShollPoint,
  type SomaType,
  type SvgOptions,
  type SwcEncoding,
  type SwcIssue,
  type SwcIssueCode,
  sholl,
  summarize,
  svg,
} from '../morphology/index.js';
import {
  type BinaryGeometry,
  type GeometryColumns,
  type PackedGeometry,
  packGeometry,
  unpackGeometry,
} from './packed-geometry.js';

export interface MorphologyAnalysis {
  somaType: SomaType;
  /** Samples in the tree (duplicates dropped). */
  nodes: number;
  textEncoding: SwcEncoding;
  /** At most 100 per code; `issueCounts` counts them all. */
  issues: SwcIssue[];
  issueCounts: Array<{ code: SwcIssueCode; count: number }>;
  summary: Morphometry & { somaSurface: number | null };
  neurites: NeuriteMorphometry[];
  geometry: PackedGeometry;
}

/** As a thread makes it: the geometry in shared memory (read back from JSON, it is base64). */
export type FreshAnalysis = MorphologyAnalysis & { geometry: BinaryGeometry };

/** The parse stopped at the sample limit: the file is refused, not half-measured. */
export interface TooManySamples {
  tooManySamples: true;
  maxSamples: number;
}

export function analyseSwc(bytes: Uint8Array, maxSamples: number): FreshAnalysis | TooManySamples {
  const parsed = parseSwc(bytes, { maxSamples });
  if ((parsed.issueCounts.TOO_MANY_SAMPLES ?? 0) > 0) return { tooManySamples: true, maxSamples };
  const { somaType, neurites, ...summary }: MorphologySummary = summarize(parsed.tree);
  return {
    somaType,
    nodes: parsed.tree.size,
    textEncoding: parsed.encoding,
    issues: parsed.issues,
    issueCounts: Object.entries(parsed.issueCounts).map(([code, count]) => ({
      code: code as SwcIssueCode,
      count: count ?? 0,
    })),
    summary,
    neurites,
    geometry: packGeometry(parsed.tree),
  };
}

/**
 * The tree again from its geometry: written back as SWC (numbers print back exactly) and read by the same
 * parser, so drawings see the very tree the analysis measured (duplicates were dropped, cut links are
 * roots).
 */
function treeOf(shape: GeometryColumns) {
  const { ids, types, parents, positions, radii } = shape;
  const lines: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const parent = parents[i] ?? -1;
    const parentId = parent === -1 ? -1 : (ids[parent] ?? -1);
    lines.push(
      `${ids[i]} ${types[i]} ${positions[i * 3]} ${positions[i * 3 + 1]} ${positions[i * 3 + 2]} ${radii[i]} ${parentId}`,
    );
  }
  return parseSwc(lines.join('\n')).tree;
}

export function drawSvg(shape: PackedGeometry, options: SvgOptions): string {
  return svg(treeOf(unpackGeometry(shape)), options);
}

export function shollOf(shape: PackedGeometry, stepUm: number): ShollPoint[] {
  return sholl(treeOf(unpackGeometry(shape)), stepUm);
}

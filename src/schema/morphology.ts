import { BadUserInputError } from '../errors.js';
import {
  NEURITE_GROUPS,
  type NeuriteMorphometry,
  type ShollPoint,
  SWC_ISSUE_CODES,
  type SwcIssue,
} from '../morphology/index.js';
import type { MorphologyAnalysis } from '../morphology-pool/analysis.js';
import { type GeometryColumns, unpackGeometry } from '../morphology-pool/packed-geometry.js';
import { MAX_SIDE_PX, MIN_SIDE_PX } from '../morphology-render/drawing-size.js';
import type { Morphology } from '../upstream/client-types.js';
import { builder } from './builder.js';

/** Drawing sizes accepted, in pixels: enough for a poster, small enough to stay a few MB. */

const enumOf = <const T extends readonly string[]>(name: string, values: T, description: string) =>
  builder.enumType(name, { values, description });

const SomaTypeEnum = enumOf(
  'SomaType',
  ['THREE_POINT', 'SINGLE_POINT', 'MULTI_CYLINDER', 'CONTOUR', 'NONE'] as const,
  "How the file draws the soma (NeuroMorpho's standard files use THREE_POINT).",
);
const NeuriteTypeEnum = enumOf(
  'NeuriteType',
  NEURITE_GROUPS,
  'SWC types 2 (axon), 3 (basal dendrite), 4 (apical dendrite); OTHER is 0, 5 and above, and negatives.',
);
const IssueLevelEnum = enumOf(
  'MorphologyIssueLevel',
  ['ERROR', 'WARNING'] as const,
  'ERROR: the file breaks the SWC format and the reader dropped or cut something. WARNING: it reads fine.',
);
const IssueCodeEnum = enumOf('MorphologyIssueCode', SWC_ISSUE_CODES, 'What the SWC reader found.');
const ProjectionEnum = enumOf(
  'MorphologyProjection',
  ['XY', 'XZ', 'YZ'] as const,
  'The plane drawn: XY looks down z, XZ down y, YZ down x.',
);
const TextEncodingEnum = builder.enumType('TextEncoding', {
  description: 'How the text of the file was read: LATIN1 when its bytes are not valid UTF-8.',
  values: { UTF_8: { value: 'utf-8' }, LATIN1: { value: 'latin1' } } as const,
});

const IssueRef = builder.objectRef<SwcIssue>('MorphologyIssue').implement({
  description: 'One finding of the SWC reader.',
  fields: (t) => ({
    level: t.field({ type: IssueLevelEnum, resolve: (issue) => issue.level }),
    code: t.field({ type: IssueCodeEnum, resolve: (issue) => issue.code }),
    message: t.exposeString('message'),
    line: t.exposeInt('line', { nullable: true, description: '1-based; null for the whole file.' }),
    nodeId: t.exposeInt('nodeId', { nullable: true, description: 'The sample id concerned.' }),
    fixed: t.exposeBoolean('fixed', {
      description: 'The reader changed what it read (skipped a line, cut a link) to build a consistent tree.',
    }),
  }),
});

type IssueCount = MorphologyAnalysis['issueCounts'][number];
const IssueCountRef = builder.objectRef<IssueCount>('MorphologyIssueCount').implement({
  fields: (t) => ({
    code: t.field({ type: IssueCodeEnum, resolve: (count) => count.code }),
    count: t.exposeInt('count', { description: 'All issues of this code, listed or not.' }),
  }),
});

type Summary = MorphologyAnalysis['summary'] | (NeuriteMorphometry & { somaSurface?: null });

const SUMMARY_INTS = [
  'nodes',
  'nStems',
  'nBifs',
  'nBranch',
  'nTips',
  'branchOrder',
  'fragmentation',
] as const;
const SUMMARY_FLOATS = [
  'length',
  'surface',
  'volume',
  'width',
  'height',
  'depth',
  'euclideanDistance',
  'pathDistance',
] as const;
const SUMMARY_MEANS = [
  'diameter',
  'contraction',
  'partitionAsymmetry',
  'bifAmplLocal',
  'bifAmplRemote',
] as const;

const SummaryRef = builder.objectRef<Summary>('MorphologySummary').implement({
  description:
    "Morphometry computed from the standard file with L-Measure's conventions, under the names of the " +
    'same quantities in Measurement (µm, µm², µm³, degrees). Means are null when there is nothing to average.',
  fields: (t) => ({
    ...Object.fromEntries(SUMMARY_INTS.map((name) => [name, t.exposeInt(name)])),
    ...Object.fromEntries(SUMMARY_FLOATS.map((name) => [name, t.exposeFloat(name)])),
    ...Object.fromEntries(SUMMARY_MEANS.map((name) => [name, t.exposeFloat(name, { nullable: true })])),
    somaSurface: t.float({
      nullable: true,
      description: 'Whole neuron only (null for a neurite, and without a soma).',
      resolve: (summary) => summary.somaSurface ?? null,
    }),
  }),
});

const NeuriteRef = builder.objectRef<NeuriteMorphometry>('NeuriteMorphology').implement({
  description: 'The same morphometry for the samples of one neurite type.',
  fields: (t) => ({
    type: t.field({ type: NeuriteTypeEnum, resolve: (neurite) => neurite.type }),
    summary: t.field({ type: SummaryRef, resolve: (neurite) => neurite }),
  }),
});

const ShollRef = builder.objectRef<ShollPoint>('ShollPoint').implement({
  fields: (t) => ({
    radius: t.exposeFloat('radius', { description: 'µm from the soma centre.' }),
    intersections: t.exposeInt('intersections', { description: 'Compartments crossing that sphere.' }),
  }),
});

// Number arrays are made only here, when a query selects `geometry`: the cached analysis keeps it packed.
const GeometryRef = builder.objectRef<GeometryColumns>('MorphologyGeometry').implement({
  description:
    'The samples as flat arrays in file order, for 3-D viewers: `parents` are indices into these arrays ' +
    '(-1 for a root), `positions` x, y, z interleaved (µm), `radii` µm.',
  fields: (t) => ({
    ids: t.intList({ description: 'SWC sample ids.', resolve: (g) => Array.from(g.ids) }),
    types: t.intList({ description: 'SWC types as written.', resolve: (g) => Array.from(g.types) }),
    parents: t.intList({ resolve: (g) => Array.from(g.parents) }),
    positions: t.floatList({ resolve: (g) => Array.from(g.positions) }),
    radii: t.floatList({ resolve: (g) => Array.from(g.radii) }),
  }),
});

function checkSide(name: string, value: number): void {
  if (!Number.isInteger(value) || value < MIN_SIDE_PX || value > MAX_SIDE_PX) {
    throw new BadUserInputError(
      `${name} must be an integer from ${MIN_SIDE_PX} to ${MAX_SIDE_PX} (got ${value})`,
    );
  }
}

export const MorphologyRef = builder.objectRef<Morphology>('Morphology').implement({
  description:
    "The neuron's standard SWC file, parsed, checked, measured and drawn (parsed once, on worker threads; " +
    'the result is cached).',
  fields: (t) => ({
    somaType: t.field({ type: SomaTypeEnum, resolve: (m) => m.analysis.somaType }),
    nodes: t.int({ description: 'Samples in the tree.', resolve: (m) => m.analysis.nodes }),
    textEncoding: t.field({ type: TextEncodingEnum, resolve: (m) => m.analysis.textEncoding }),
    issues: t.field({
      type: [IssueRef],
      description: 'At most 100 per code, in file order; issueCounts counts them all.',
      resolve: (m) => m.analysis.issues,
    }),
    issueCounts: t.field({ type: [IssueCountRef], resolve: (m) => m.analysis.issueCounts }),
    summary: t.field({ type: SummaryRef, resolve: (m) => m.analysis.summary }),
    neurites: t.field({
      type: [NeuriteRef],
      description:
        'One entry per neurite type present, in the order AXON, BASAL_DENDRITE, APICAL_DENDRITE, OTHER.',
      resolve: (m) => m.analysis.neurites,
    }),
    sholl: t.field({
      type: [ShollRef],
      description: 'Sholl profile around the soma centre: radii stepUm, 2·stepUm, ... (at most 1000 radii).',
      args: { stepUm: t.arg.float({ required: true, defaultValue: 10 }) },
      resolve: (m, args) => {
        if (!Number.isFinite(args.stepUm) || args.stepUm <= 0) {
          throw new BadUserInputError(`stepUm must be a positive number of µm (got ${args.stepUm})`);
        }
        return m.sholl(args.stepUm);
      },
    }),
    svg: t.string({
      description:
        'An SVG drawing: neurites as paths coloured by type with their widths, the soma as a circle, a scale bar in µm.',
      args: {
        projection: t.arg({ type: ProjectionEnum, required: true, defaultValue: 'XY' }),
        width: t.arg.int({
          required: true,
          defaultValue: 800,
          description: `${MIN_SIDE_PX} to ${MAX_SIDE_PX}.`,
        }),
        height: t.arg.int({
          required: true,
          defaultValue: 600,
          description: `${MIN_SIDE_PX} to ${MAX_SIDE_PX}.`,
        }),
      },
      resolve: (m, args) => {
        checkSide('width', args.width);
        checkSide('height', args.height);
        return m.svg({ projection: args.projection, width: args.width, height: args.height });
      },
    }),
    geometry: t.field({ type: GeometryRef, resolve: (m) => unpackGeometry(m.analysis.geometry) }),
  }),
});

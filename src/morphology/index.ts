/**
 * The SWC morphology module: pure functions over bytes and typed arrays, no I/O.
 * parseSwc -> { tree, issues }; summarize(tree), sholl(tree, step), svg(tree, options), geometry(tree).
 */
export { geometry, type MorphologyGeometry } from './geometry.js';
export { InvalidMorphologyOptionError } from './invalid-option-error.js';
export {
  issueLevel,
  SWC_ISSUE_CODES,
  type SwcIssue,
  type SwcIssueCode,
  type SwcIssueLevel,
} from './issues.js';
export { NEURITE_GROUPS, type NeuriteGroup } from './neurite-types.js';
export { type MorphologyTree, type ParsedSwc, type ParseSwcOptions, parseSwc } from './parse-swc.js';
export type { SampleColumns } from './read-samples.js';
export { MAX_SHOLL_RADII, type ShollPoint, sholl } from './sholl.js';
export type { Soma, SomaType } from './soma.js';
export { type MorphologySummary, type Morphometry, type NeuriteMorphometry, summarize } from './summary.js';
export { NEURITE_COLOURS, type Projection, type SvgOptions, svg } from './svg.js';
export type { SwcEncoding } from './text-encoding.js';
export { type SampleTreeResult, treeFromSamples } from './tree-from-samples.js';

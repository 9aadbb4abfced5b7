/** What an empty stem becomes, as in the reference. */
export const DEFAULT_FILE_STEM = 'neuromorpho_neuron';

/**
 * Our addition, not the reference's: file systems cap a name at 255 bytes; 200 ASCII characters leave
 * room for `.CNG.swc`, `.morph.xml` and a temporary-file suffix.
 */
export const MAX_FILE_STEM_LENGTH = 200;

const UNSAFE_RUN = /[^A-Za-z0-9._-]+/gu;
const DOT_RUN = /\.{2,}/g;
const EDGE_DOTS_AND_UNDERSCORES = /^[._]+|[._]+$/g;
const TRAILING_DOTS_AND_UNDERSCORES = /[._]+$/;

/**
 * The reference's safe file stem: each run of characters outside `A-Z a-z 0-9 . _ -` becomes one `_`,
 * each run of two or more dots becomes `_` (so no `..` survives), leading and trailing `.`/`_` are
 * trimmed, and an empty result is `neuromorpho_neuron`. The result is a single path component with no
 * separators, NUL bytes or dot-dot, whatever the neuron name.
 */
export function safeFileStem(name: string): string {
  const stem = name.replace(UNSAFE_RUN, '_').replace(DOT_RUN, '_').replace(EDGE_DOTS_AND_UNDERSCORES, '');
  if (stem === '') return DEFAULT_FILE_STEM;
  if (stem.length <= MAX_FILE_STEM_LENGTH) return stem;
  // The stem starts with neither `.` nor `_`, so trimming the cut end never empties it.
  return stem.slice(0, MAX_FILE_STEM_LENGTH).replace(TRAILING_DOTS_AND_UNDERSCORES, '');
}

import { MEASUREMENT_ALIASES, type MeasureField } from '../../neuromorpho/measurement.js';
import type { FileKind } from '../../neuromorpho/types.js';

/**
 * Each promoted measure under the name the real morphometry record (and so each neuron's
 * metadata.json `measurement`) spells it: the first of its reference aliases (`soma_Surface`,
 * `n_stems`, `eucDistance`, ...). One column per measure, always present, empty when the neuron has none.
 */
export const MEASUREMENT_COLUMNS: ReadonlyArray<{ field: MeasureField; column: string }> = (
  Object.keys(MEASUREMENT_ALIASES) as MeasureField[]
).map((field) => ({ field, column: MEASUREMENT_ALIASES[field][0] }));

const FILE_KINDS: readonly FileKind[] = ['standard', 'original'];

/** `standard_path`, `standard_bytes`, `standard_sha256`, then the same for `original`. */
export const FILE_COLUMNS: ReadonlyArray<{
  kind: FileKind;
  part: 'path' | 'bytes' | 'sha256';
  column: string;
}> = FILE_KINDS.flatMap((kind) =>
  (['path', 'bytes', 'sha256'] as const).map((part) => ({ kind, part, column: `${kind}_${part}` })),
);

/** Every manifest column, in order: the CSV header and the key order of each JSON item. */
export const MANIFEST_COLUMNS: readonly string[] = [
  'neuron_id',
  'neuron_name',
  'archive',
  'species',
  'brain_region',
  'cell_type',
  'status',
  'error_code',
  'error_message',
  ...MEASUREMENT_COLUMNS.map(({ column }) => column),
  ...FILE_COLUMNS.map(({ column }) => column),
  'metadata_path',
];

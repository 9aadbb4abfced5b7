import type { DatasetFile, DatasetItem } from '../types.js';
import { FILE_COLUMNS, MEASUREMENT_COLUMNS } from './manifest-columns.js';

/** One manifest cell: text, a number, or null (an empty CSV cell, a JSON null). */
export type ManifestCell = string | number | null;
export type ManifestRow = Record<string, ManifestCell>;

/** How lists (brain region, cell type) are written in one cell; `;` is not part of NeuroMorpho's values. */
export const LIST_SEPARATOR = '; ';

function joined(values: readonly string[]): string | null {
  return values.length === 0 ? null : values.join(LIST_SEPARATOR);
}

function fileCell(file: DatasetFile | undefined, part: 'path' | 'bytes' | 'sha256'): ManifestCell {
  if (file === undefined) return null;
  if (part === 'path') return file.relativePath;
  return part === 'bytes' ? file.bytes : file.sha256;
}

/**
 * The manifest row of one item: who the neuron is (from the plan's record), how its download ended, every
 * measure of the planned measurement and, per file kind, the file's path relative to the cache root (its
 * path inside the zip too), size and sha256. Keys come in MANIFEST_COLUMNS order.
 */
export function toManifestRow(item: DatasetItem): ManifestRow {
  const { neuron, measurement } = item;
  const row: ManifestRow = {
    neuron_id: item.neuronId,
    neuron_name: neuron.name,
    archive: neuron.archive,
    species: neuron.species,
    brain_region: joined(neuron.brainRegion),
    cell_type: joined(neuron.cellType),
    status: item.status,
    error_code: item.error?.code ?? null,
    error_message: item.error?.message ?? null,
  };
  for (const { field, column } of MEASUREMENT_COLUMNS) row[column] = measurement?.[field] ?? null;
  const byKind = new Map(item.files.map((file) => [file.kind, file]));
  for (const { kind, part, column } of FILE_COLUMNS) row[column] = fileCell(byKind.get(kind), part);
  row.metadata_path = item.metadataPath;
  return row;
}

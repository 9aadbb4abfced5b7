import { neuronUrls } from '../neuromorpho/file-urls.js';
import type {
  DownloadMode,
  FileKind,
  MeasurementRecord,
  NeuronRecord,
  SiteUrls,
} from '../neuromorpho/types.js';

export interface MetadataItem {
  kind: FileKind;
  url: string;
  filename: string;
  downloadedNow: boolean;
  reason: string | null;
}

/** Sorts object keys at every depth, as Python's `json.dumps(sort_keys=True)` does. */
function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeysDeep((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * `metadata.json` with exactly the reference client's keys (sorted, indented two spaces).
 * `path` of an item is the file name only, so the folder can be moved.
 */
export function renderMetadata(
  neuron: NeuronRecord,
  measurement: MeasurementRecord | null,
  mode: DownloadMode,
  items: readonly MetadataItem[],
  site: SiteUrls,
): string {
  const urls = neuronUrls(neuron, site);
  const metadata = {
    neuron_id: neuron.neuronId,
    neuron_name: neuron.name,
    archive: neuron.archive,
    species: neuron.species,
    brain_region: neuron.brainRegion,
    cell_type: neuron.cellType,
    original_format: neuron.originalFormat,
    thumbnail_url: urls.thumbnail,
    standard_swc_url: urls.standardSwc,
    original_file_url: urls.originalFile,
    measurement_url: urls.measurement,
    links: neuron.raw._links ?? null,
    neuron: neuron.raw,
    measurement: measurement?.raw ?? null,
    download_mode: mode,
    download_items: items.map((item) => ({
      kind: item.kind,
      url: item.url,
      filename: item.filename,
      path: item.filename,
      downloaded_now: item.downloadedNow,
      reason: item.reason,
    })),
  };
  return `${JSON.stringify(sortKeysDeep(metadata), null, 2)}\n`;
}

/** The neuron payload kept in a cached metadata.json, or null when the file is absent or unreadable. */
export function neuronPayloadOf(metadataText: string): Record<string, unknown> | null {
  try {
    const parsed = JSON.parse(metadataText) as { neuron?: unknown };
    return typeof parsed.neuron === 'object' && parsed.neuron !== null && !Array.isArray(parsed.neuron)
      ? (parsed.neuron as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

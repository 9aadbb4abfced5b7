import { neuronUrls } from '../neuromorpho/file-urls.js';
import { parsePayload } from '../neuromorpho/payload-json.js';
import { toPythonJson } from '../neuromorpho/python-json.js';
import { isRawPayload, ownValue } from '../neuromorpho/raw-payload.js';
import type {
  DownloadMode,
  FileKind,
  MeasurementRecord,
  NeuronRecord,
  RawPayload,
  SiteUrls,
} from '../neuromorpho/types.js';

export interface MetadataItem {
  kind: FileKind;
  url: string;
  filename: string;
  downloadedNow: boolean;
  reason: string | null;
}

/** Python's truthiness of a JSON value: null, false, 0, "", [] and {} are false. */
function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * `brain_region` / `cell_type` as the reference keeps them: the payload's list as sent (null elements
 * included), a lone string as a one-element list, nothing as []. (The typed record's lists, which drop
 * nulls and stringify the rest, are what GraphQL shows.)
 */
function referenceList(value: unknown): unknown[] {
  if (!isTruthy(value)) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value;
  // Python's list() of a dict is its keys; any other value it cannot list, so there is nothing to keep.
  if (isRawPayload(value)) return Object.keys(value);
  return [];
}

/** The reference's coerce_https: a plain `http://` prefix becomes `https://`, whatever the site. */
function coerceHttps(url: string): string {
  return url.startsWith('http://') ? `https://${url.slice('http://'.length)}` : url;
}

/** The payload's own value for `key`, null when absent (Python's `payload.get(key)`). */
function sent(raw: RawPayload, key: string): unknown {
  return ownValue(raw, key) ?? null;
}

/**
 * `metadata.json` as the reference client writes it: the same keys, values and types, written by
 * Python's `json.dumps(indent=2, sort_keys=True)` rules (no final newline). Top-level fields other than
 * `neuron_id` and `neuron_name` are the payload's own values, as the reference reads them. The URLs of
 * files and measurement are built from the configured site (the reference's are on
 * https://neuromorpho.org); `thumbnail_url` is the payload's `png_url` upgraded to https, as the
 * reference writes it. `path` of an item is the file name only, so the folder can be moved.
 */
export function renderMetadata(
  neuron: NeuronRecord,
  measurement: MeasurementRecord | null,
  mode: DownloadMode,
  items: readonly MetadataItem[],
  site: SiteUrls,
): string {
  const urls = neuronUrls(neuron, site);
  const raw = neuron.raw;
  const pngUrl = ownValue(raw, 'png_url');
  const metadata = {
    neuron_id: neuron.neuronId,
    neuron_name: neuron.name,
    archive: sent(raw, 'archive'),
    species: sent(raw, 'species'),
    brain_region: referenceList(ownValue(raw, 'brain_region')),
    cell_type: referenceList(ownValue(raw, 'cell_type')),
    original_format: sent(raw, 'original_format'),
    thumbnail_url: typeof pngUrl === 'string' && pngUrl !== '' ? coerceHttps(pngUrl) : null,
    standard_swc_url: urls.standardSwc,
    original_file_url: urls.originalFile,
    measurement_url: urls.measurement,
    links: Object.hasOwn(raw, '_links') ? raw._links : {},
    neuron: raw,
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
  return toPythonJson(metadata);
}

/** The neuron payload kept in a cached metadata.json, or null when the file is absent or unreadable. */
export function neuronPayloadOf(metadataText: string): Record<string, unknown> | null {
  try {
    const parsed = parsePayload(metadataText) as { neuron?: unknown };
    return isRawPayload(parsed) && isRawPayload(parsed.neuron) ? parsed.neuron : null;
  } catch {
    return null;
  }
}

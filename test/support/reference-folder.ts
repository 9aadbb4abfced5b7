import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeFileStem } from '../../src/neuromorpho/file-stem.js';
import { percentEncode } from '../../src/neuromorpho/percent-encode.js';

/** The site the reference client always downloads from. */
export const REFERENCE_SITE = 'https://neuromorpho.org';

type Payload = Record<string, unknown>;

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeysDeep((value as Payload)[key])]),
    );
  }
  return value;
}

/**
 * A neuron folder as the reference client (braincell's NeuroMorphoClient) writes it: `{stem}.CNG.swc`,
 * the original as `{stem}{ext of original_format}` (so `Custom.xml` gives `{stem}.xml`), and
 * metadata.json with its keys, sorted and indented, its URLs built on `site` (neuromorpho.org for the
 * real client). Returns the file names written.
 */
export async function writeReferenceFolder(
  root: string,
  record: Payload,
  files: { standard?: Buffer | string; original?: Buffer | string },
  site: string = REFERENCE_SITE,
): Promise<{ folder: string; standard: string; original: string }> {
  const name = String(record.neuron_name);
  const archive = percentEncode(String(record.archive).toLowerCase());
  const format = String(record.original_format);
  const ext = format.slice(format.lastIndexOf('.'));
  const stem = safeFileStem(name);
  const standard = `${stem}.CNG.swc`;
  const original = `${stem}${ext}`;
  const urls = {
    standard: `${site}/dableFiles/${archive}/CNG%20version/${percentEncode(name)}.CNG.swc`,
    original: `${site}/dableFiles/${archive}/Source-Version/${percentEncode(name + ext)}`,
  };
  const items = [
    {
      kind: 'standard',
      url: urls.standard,
      filename: standard,
      path: standard,
      downloaded_now: true,
      reason: null,
    },
    {
      kind: 'original',
      url: urls.original,
      filename: original,
      path: original,
      downloaded_now: true,
      reason: null,
    },
  ];
  const metadata = {
    neuron_id: record.neuron_id,
    neuron_name: name,
    archive: record.archive,
    species: record.species ?? null,
    brain_region: record.brain_region ?? [],
    cell_type: record.cell_type ?? [],
    original_format: format,
    thumbnail_url: null,
    standard_swc_url: urls.standard,
    original_file_url: urls.original,
    measurement_url: `${site}/api/morphometry/id/${record.neuron_id}`,
    links: record._links ?? null,
    neuron: record,
    measurement: null,
    download_mode: 'both',
    download_items: items,
  };
  const folder = join(root, String(record.neuron_id));
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'metadata.json'), `${JSON.stringify(sortKeysDeep(metadata), null, 2)}\n`);
  if (files.standard !== undefined) await writeFile(join(folder, standard), files.standard);
  if (files.original !== undefined) await writeFile(join(folder, original), files.original);
  return { folder, standard, original };
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isLosslessNumber, parse as parseLossless } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { startGateway } from '../../support/gateway.js';
import { fetchText, startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { startCraftedUpstream } from './crafted-upstream.js';
import { referenceMetadata } from './reference-metadata.js';

const DOWNLOAD = `mutation Download($id: Int!, $mode: DownloadMode!) {
  downloadNeuron(id: $id, mode: $mode) { folder items { kind filename downloadedNow reason } }
}`;

interface DownloadAnswer {
  downloadNeuron: {
    folder: string;
    items: Array<{ kind: string; filename: string; downloadedNow: boolean; reason: string | null }>;
  } | null;
}

/** The type json.loads gives each value, as the reference spec lists them ('float' keeps 6.0 apart from 6). */
function pythonType(value: unknown): string {
  if (value === null) return 'None';
  if (Array.isArray(value)) return 'list';
  if (isLosslessNumber(value)) return /[.eE]/.test(value.value) ? 'float' : 'int';
  if (typeof value === 'object') return 'dict';
  return { string: 'str', boolean: 'bool' }[typeof value as 'string' | 'boolean'] ?? typeof value;
}

// The reference spec's metadata.json keys (download, step 4) and the types the reference writes them with.
const REFERENCE_SHAPE: Record<string, readonly string[]> = {
  archive: ['str', 'None'],
  brain_region: ['list'],
  cell_type: ['list'],
  download_items: ['list'],
  download_mode: ['str'],
  links: ['dict'],
  measurement: ['dict', 'None'],
  measurement_url: ['str'],
  neuron: ['dict'],
  neuron_id: ['int'],
  neuron_name: ['str'],
  original_file_url: ['str', 'None'],
  original_format: ['str', 'None'],
  species: ['str', 'None'],
  standard_swc_url: ['str'],
  thumbnail_url: ['str', 'None'],
};
const ITEM_SHAPE: Record<string, readonly string[]> = {
  downloaded_now: ['bool'],
  filename: ['str'],
  kind: ['str'],
  path: ['str'],
  reason: ['str', 'None'],
  url: ['str'],
};

function expectReferenceShape(text: string) {
  // Python writes a non-finite float as a bare Infinity or NaN, which no JSON parser reads; typed as a float.
  const readable = text.replace(/: -?(?:Infinity|NaN)(?=,?\n)/g, ': 0.0');
  const metadata = parseLossless(readable) as Record<string, unknown>;
  expect(Object.keys(metadata)).toEqual(Object.keys(REFERENCE_SHAPE));
  for (const [key, types] of Object.entries(REFERENCE_SHAPE))
    expect(types).toContain(pythonType(metadata[key]));
  for (const item of metadata.download_items as Array<Record<string, unknown>>) {
    expect(Object.keys(item)).toEqual(Object.keys(ITEM_SHAPE));
    for (const [key, types] of Object.entries(ITEM_SHAPE)) expect(types).toContain(pythonType(item[key]));
  }
}

describe('metadata.json of a recorded neuron, through the replica', () => {
  const replicaReady = startReplica({ size: 20 });

  it('is the reference client’s file byte for byte, but for measurement_url built on the configured site', async () => {
    const replica = await replicaReady;
    const cacheDir = await tempDir();
    const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir });
    const { data, errors } = await gateway.execute<DownloadAnswer, object>(DOWNLOAD, { id: 1, mode: 'BOTH' });
    expect(errors).toBeUndefined();
    expect(data?.downloadNeuron?.items.map((item) => item.downloadedNow)).toEqual([true, true]);
    const written = await readFile(join(cacheDir, '1', 'metadata.json'), 'utf8');

    const reference = referenceMetadata({
      neuron: (await fetchText(replica, '/api/neuron/id/1')).text,
      measurement: (await fetchText(replica, '/api/morphometry/id/1')).text,
      mode: 'both',
      site: replica.url,
    });
    // The reference upgrades the payload's own measurements link; the gateway builds it on its site
    // (the same URL against neuromorpho.org, whose links are the https site's).
    const link = `${replica.url}/api/morphometry/id/1`;
    const referenceLine = `"measurement_url": "${link.replace('http://', 'https://')}"`;
    expect(reference).toContain(referenceLine);
    expect(written).toBe(reference.replace(referenceLine, `"measurement_url": "${link}"`));

    expectReferenceShape(written);
    expect(written).toContain('    "n_stems": 6.0,\n');
    expect(written).toContain('    "fragmentation": 1274.0,\n');
    expect(written).toContain(`  "thumbnail_url": "${replica.url.replace('http://', 'https://')}/images/`);
    expect(written.endsWith('}')).toBe(true);
  });
});

const MAX_INT = 2_147_483_647;

// A neuron with what the replica never sends: non-ASCII and control characters, a null list element, a
// lone string for a list, no _links, no png_url, floats that hold integers, nested keys out of order.
const ODD_NEURON = String.raw`{"neuron_id": 5, "neuron_name": "crafted-5", "archive": "Crafted_Lab",
  "species": "Ratón", "brain_region": ["CA1", null, "hippocampus"], "cell_type": "pyramidal",
  "original_format": "Neurolucida.asc", "note": "tab\there \"quoted\" \u0001 \ud83d\ude00 </a>",
  "magnification": 40.0, "nested": {"z": 1, "a": [1.0, 1e-05, null, 12345678901234567890], "m": -0.0}}`;

// Counts of 3e9 in every spelling, text that is not a number, a number too large for a double, and no
// neuron_id (filled in from the id asked for, as the reference does).
const ODD_MEASUREMENT = `{"neuron_name": "crafted-5", "n_stems": 3000000000.0, "n_bifs": 3e9,
  "fragmentation": -3000000000, "n_branch": 12.0, "surface": "nan", "volume": "inf", "width": 1e400,
  "length": 4911.5, "Length": 1.0, "fractal_Dim": 1.01989, "domain": null}`;

const crafted = await startCraftedUpstream({
  neurons: [
    ODD_NEURON,
    '{"neuron_id": 6, "neuron_name": "no-extension", "archive": "Crafted_Lab", "original_format": "Neurozoom"}',
    '{"neuron_id": 7, "neuron_name": "no-format", "archive": "Crafted_Lab"}',
    '{"neuron_id": 0, "neuron_name": "zero", "archive": "Crafted_Lab"}',
    '{"neuron_id": -1, "neuron_name": "negative", "archive": "Crafted_Lab"}',
    '{"neuron_id": 3000000000, "neuron_name": "three-billion", "archive": "Crafted_Lab"}',
    `{"neuron_id": ${MAX_INT + 1}, "neuron_name": "past-int", "archive": "Crafted_Lab"}`,
    `{"neuron_id": ${MAX_INT}, "neuron_name": "largest", "archive": "Crafted_Lab"}`,
  ],
  measurements: {
    5: ODD_MEASUREMENT,
    6: '{"neuron_id": 6, "n_stems": 2.0}',
    7: '{"neuron_id": 7, "n_stems": 3.0}',
  },
});
const logLines: string[] = [];
const logger = createLogger({ level: 'warn', destination: { write: (line: string) => logLines.push(line) } });
const cacheDir = await tempDir();
const gateway = await startGateway(crafted.url, { CACHE_DIR: cacheDir }, { logger });
const warnings = (code: string) =>
  logLines
    .map((line) => JSON.parse(line) as { level: number; payloadIssue?: { code: string; field: string } })
    .filter((entry) => entry.level === 40 && entry.payloadIssue?.code === code)
    .map((entry) => entry.payloadIssue);

describe('through the real gateway, records the replica never sends', () => {
  it.each([
    [5, 'both'],
    [6, 'both'],
    [7, 'original'],
  ] as const)('neuron %i (%s): metadata.json is the reference client’s, byte for byte', async (id, mode) => {
    const { data, errors } = await gateway.execute<DownloadAnswer, object>(DOWNLOAD, {
      id,
      mode: mode.toUpperCase(),
    });
    expect(errors).toBeUndefined();
    const written = await readFile(join(cacheDir, String(id), 'metadata.json'), 'utf8');
    const neuron = (await fetch(`${crafted.url}/api/neuron/id/${id}`)).text();
    const measurement = (await fetch(`${crafted.url}/api/morphometry/id/${id}`)).text();
    expect(written).toBe(
      referenceMetadata({ neuron: await neuron, measurement: await measurement, mode, site: crafted.url }),
    );
    expectReferenceShape(written);
    const skipped = data?.downloadNeuron?.items.filter((item) => !item.downloadedNow) ?? [];
    if (id === 6) {
      expect(skipped.map((item) => item.reason)).toEqual([
        "Cannot infer original file extension from original_format='Neurozoom'.",
      ]);
    }
    if (id === 7) {
      expect(skipped.map((item) => item.reason)).toEqual([
        'This neuron does not expose an original_format field.',
      ]);
    }
  });

  it('writes what the reference keeps as sent: 6.0-style floats, counts of 3e9, nulls in lists, no _links', async () => {
    await gateway.execute(DOWNLOAD, { id: 5, mode: 'BOTH' });
    const written = await readFile(join(cacheDir, '5', 'metadata.json'), 'utf8');
    for (const line of [
      '    "n_stems": 3000000000.0,',
      '    "n_bifs": 3000000000.0,',
      '    "fragmentation": -3000000000,',
      '    "width": Infinity',
      '    "neuron_id": 5,',
      '    "magnification": 40.0,',
      '  "links": {},',
      '  "thumbnail_url": null',
      '  "species": "Rat\\u00f3n",',
      '    null,',
      '      12345678901234567890',
      '      "m": -0.0,',
    ]) {
      expect(written).toContain(`${line}\n`);
    }
    expect(written).toContain('"note": "tab\\there \\"quoted\\" \\u0001 \\ud83d\\ude00 </a>"');
  });

  it('answers counts outside GraphQL Int as null with a warning, never an error', async () => {
    const { data, errors } = await gateway.execute<
      { neuron: { measurement: Record<string, unknown> } },
      object
    >(
      `{ neuron(id: 5) { measurement { neuronId nStems nBifs fragmentation nBranch surface volume width length
        fractalDim extras } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.neuron.measurement).toEqual({
      neuronId: 5,
      nStems: null,
      nBifs: null,
      fragmentation: null,
      nBranch: 12,
      surface: null,
      volume: null,
      width: null,
      length: 4911.5,
      fractalDim: 1.01989,
      // As the reference's extras: the name, the fractal dimension, the losing alias, null values kept.
      extras: { neuron_name: 'crafted-5', Length: 1, fractal_Dim: 1.01989, domain: null },
    });
    expect(warnings('COUNT_OUT_OF_RANGE').map((issue) => issue?.field)).toEqual(
      expect.arrayContaining(['n_stems', 'n_bifs', 'fragmentation']),
    );
  });

  it('drops a search record whose id is outside 1..2**31-1, with a warning, and keeps the rest', async () => {
    const before = warnings('RECORD_DROPPED').length;
    const { data, errors } = await gateway.execute<
      { search: { items: Array<{ neuronId: number }> } },
      object
    >('{ search(q: "archive:Crafted_Lab", size: 50) { items { neuronId } } }');
    expect(errors).toBeUndefined();
    expect(data?.search.items.map((item) => item.neuronId)).toEqual([5, 6, 7, MAX_INT]);
    expect(warnings('RECORD_DROPPED').length - before).toBe(4);
    const connection = await gateway.execute<{ searchConnection: { edges: unknown[] } }, object>(
      '{ searchConnection(q: "archive:Crafted_Lab", first: 50) { edges { node { neuronId } } } }',
    );
    expect(connection.errors).toBeUndefined();
    expect(connection.data?.searchConnection.edges).toHaveLength(4);
  });
});

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESERVED_NAME_REASON } from '../../../src/neuromorpho/reserved-names.js';
import { DownloadNeuronDocument } from '../../generated/graphql.js';
import { startCraftedUpstream } from '../../support/crafted-upstream.js';
import { startGateway } from '../../support/gateway.js';
import { tempDir } from '../../support/temp-dir.js';

// Names whose original file would take a name the cache keeps for itself.
const upstream = await startCraftedUpstream([
  { neuron_id: 501, neuron_name: 'metadata', archive: 'Crafted', original_format: 'Exporter.json' },
  { neuron_id: 502, neuron_name: 'Metadata', archive: 'Crafted', original_format: 'Exporter.JSON' },
  { neuron_id: 503, neuron_name: 'cell', archive: 'Crafted', original_format: 'Exporter.nmg-part' },
]);
const cacheDir = await tempDir();
const gateway = await startGateway(upstream.url, { CACHE_DIR: cacheDir });

interface PlanAnswer {
  neuron: {
    filePlan: Array<{ kind: string; filename: string; url: string; skip: boolean; reason: string | null }>;
  };
}

describe('file names the cache reserves for itself', () => {
  it.each([
    [501, 'metadata', 'metadata.json'],
    [502, 'Metadata', 'Metadata.JSON (same file on a case-insensitive volume)'],
    [503, 'cell', 'cell.nmg-part (swept away as a temporary file)'],
  ])('neuron %i: the original is skipped with its reason, never fetched, never written', async (id, stem) => {
    const plan = await gateway.execute<PlanAnswer, undefined>(
      `{ neuron(id: ${id}) { filePlan(mode: BOTH) { kind filename url skip reason } } }`,
    );
    expect(plan.data?.neuron.filePlan).toEqual([
      {
        kind: 'STANDARD',
        filename: `${stem}.CNG.swc`,
        url: `${upstream.url}/dableFiles/crafted/CNG%20version/${stem}.CNG.swc`,
        skip: false,
        reason: null,
      },
      { kind: 'ORIGINAL', filename: stem, url: '', skip: true, reason: RESERVED_NAME_REASON },
    ]);

    const before = upstream.requests.length;
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id });
    expect(errors).toBeUndefined();
    expect(data?.downloadNeuron?.items.map((item) => [item.kind, item.downloadedNow, item.reason])).toEqual([
      ['STANDARD', true, null],
      ['ORIGINAL', false, RESERVED_NAME_REASON],
    ]);
    // Only the standard file was asked for; the original's URL never was.
    const files = upstream.requests.slice(before).filter((path) => path.startsWith('/dableFiles/'));
    expect(files).toEqual([`/dableFiles/crafted/CNG%20version/${stem}.CNG.swc`]);

    const folder = join(cacheDir, String(id));
    expect((await readdir(folder)).sort()).toEqual([`${stem}.CNG.swc`, 'metadata.json']);
    // metadata.json is the cache's record, not an upstream file written over it (or under it).
    const metadata = JSON.parse(await readFile(join(folder, 'metadata.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(metadata.neuron_id).toBe(id);
    expect(metadata.download_items).toEqual([
      expect.objectContaining({ kind: 'standard', downloaded_now: true }),
      expect.objectContaining({ kind: 'original', downloaded_now: false, reason: RESERVED_NAME_REASON }),
    ]);
  });
});

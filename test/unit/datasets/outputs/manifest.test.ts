import { describe, expect, it } from 'vitest';
import { MANIFEST_COLUMNS } from '../../../../src/datasets/outputs/manifest-columns.js';
import { manifestCsv } from '../../../../src/datasets/outputs/manifest-csv.js';
import { manifestJson } from '../../../../src/datasets/outputs/manifest-json.js';
import { toManifestRow } from '../../../../src/datasets/outputs/manifest-row.js';
import type { DatasetItem } from '../../../../src/datasets/types.js';
import { tempDir } from '../../../support/temp-dir.js';
import { finishedItem, measurementOf, neuronOf, pendingItem, snapshotOf, textOf } from './memory-source.js';

const root = await tempDir();
const done = await finishedItem(root, 7, [
  { kind: 'standard', filename: 'cell_7.CNG.swc', content: '1 1 0 0 0 1 -1\n' },
  { kind: 'original', filename: 'cell_7.asc', content: '; original\n' },
]);

async function* each(items: DatasetItem[]): AsyncGenerator<DatasetItem> {
  for (const item of items) yield item;
}

/** The CSV's lines after the header (none of these rows holds a line break). */
async function csvLines(items: DatasetItem[]): Promise<string[]> {
  const text = await textOf(manifestCsv(each(items)));
  return text.split('\n').slice(1, -1);
}

describe('manifest rows', () => {
  it('hold the neuron, its outcome, every measure under the reference names and each file', () => {
    const row = toManifestRow(done);
    expect(Object.keys(row)).toEqual(MANIFEST_COLUMNS);
    expect(row).toMatchObject({
      neuron_id: 7,
      neuron_name: 'cell_7',
      archive: 'Smith',
      species: 'rat',
      brain_region: 'hippocampus; CA1',
      cell_type: 'pyramidal',
      status: 'DONE',
      error_code: null,
      error_message: null,
      surface: 100.5,
      n_stems: 6,
      soma_Surface: 12.25,
      volume: null,
      eucDistance: null,
      fractal_Dim: null,
      standard_path: '7/cell_7.CNG.swc',
      standard_bytes: 15,
      standard_sha256: done.files[0]?.sha256,
      original_path: '7/cell_7.asc',
      original_bytes: 11,
      original_sha256: done.files[1]?.sha256,
      metadata_path: '7/metadata.json',
    });
  });

  it('have a column for each of the 21 measures, the same names metadata.json measurement uses', () => {
    const measures = MANIFEST_COLUMNS.slice(MANIFEST_COLUMNS.indexOf('error_message') + 1, -7);
    expect(measures).toEqual([
      'surface',
      'volume',
      'soma_Surface',
      'n_stems',
      'n_bifs',
      'n_branch',
      'width',
      'height',
      'depth',
      'diameter',
      'length',
      'eucDistance',
      'pathDistance',
      'branch_Order',
      'contraction',
      'fragmentation',
      'partition_asymmetry',
      'pk_classic',
      'bif_ampl_local',
      'bif_ampl_remote',
      'fractal_Dim',
    ]);
  });

  it('of a failed item carry its code and message and no files; no measurement leaves measures empty', () => {
    const row = toManifestRow({
      ...pendingItem(9),
      status: 'FAILED',
      error: { code: 'NOT_FOUND', message: 'file 404' },
      measurement: null,
    });
    expect(row).toMatchObject({ status: 'FAILED', error_code: 'NOT_FOUND', error_message: 'file 404' });
    expect(row.surface).toBeNull();
    expect(row.standard_path).toBeNull();
    expect(row.metadata_path).toBeNull();
  });

  it('of a mode=standard item leave the original columns empty', () => {
    const row = toManifestRow({ ...done, files: done.files.filter((file) => file.kind === 'standard') });
    expect(row.standard_path).toBe('7/cell_7.CNG.swc');
    expect([row.original_path, row.original_bytes, row.original_sha256]).toEqual([null, null, null]);
  });
});

describe('manifest.csv', () => {
  it('starts with the header row, even for a dataset with no items yet', async () => {
    expect(await textOf(manifestCsv(each([])))).toBe(`${MANIFEST_COLUMNS.join(',')}\n`);
  });

  it('writes null as an empty cell and numbers as JavaScript prints them', async () => {
    const [line] = await csvLines([done]);
    const cells = line?.split(',') ?? [];
    expect(cells).toHaveLength(MANIFEST_COLUMNS.length);
    expect(cells.slice(0, 9)).toEqual([
      '7',
      'cell_7',
      'Smith',
      'rat',
      'hippocampus; CA1',
      'pyramidal',
      'DONE',
      '',
      '',
    ]);
    expect(cells[MANIFEST_COLUMNS.indexOf('n_stems')]).toBe('6');
    expect(cells[MANIFEST_COLUMNS.indexOf('volume')]).toBe('');
  });

  it('quotes cells holding a comma, a quote or a line break, doubling quotes', async () => {
    const item = {
      ...pendingItem(8),
      neuron: neuronOf(8, { neuron_name: 'a,b', archive: 'say "hi"', species: 'two\nlines' }),
      status: 'FAILED' as const,
      error: { code: 'UPSTREAM_ERROR', message: 'first\r\nsecond' },
    };
    const text = await textOf(manifestCsv(each([item])));
    expect(text).toContain(
      '8,"a,b","say ""hi""","two\nlines",hippocampus; CA1,pyramidal,FAILED,UPSTREAM_ERROR,"first\r\nsecond",',
    );
  });

  it("guards text cells a spreadsheet would run as a formula with a leading ', never numbers", async () => {
    const item = {
      ...pendingItem(10),
      neuron: neuronOf(10, {
        neuron_name: '=HYPERLINK("x")',
        archive: '+1',
        species: '@SUM(A1)',
        cell_type: ['-x'],
      }),
      measurement: measurementOf(10, { surface: -2.5 }),
    };
    const [line] = await csvLines([item]);
    expect(line?.startsWith(`10,"'=HYPERLINK(""x"")",'+1,'@SUM(A1),hippocampus; CA1,'-x,PENDING,`)).toBe(
      true,
    );
    expect(line?.split(',')[MANIFEST_COLUMNS.indexOf('surface')]).toBe('-2.5');
  });

  it('is produced as it is read: a reader that stops makes it stop pulling items', async () => {
    let pulled = 0;
    async function* many(): AsyncGenerator<DatasetItem> {
      for (let id = 1; id <= 100_000; id += 1) {
        pulled += 1;
        yield { ...done, neuronId: id };
      }
    }
    const csv = manifestCsv(many());
    const iterator = csv[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(2_000);
    csv.destroy();
  });
});

describe('manifest.json', () => {
  it('is { dataset, items } with the same keys per item and values as recorded (no formula guard)', async () => {
    const snapshot = snapshotOf('ds_0123456789abcdef', 'rats', 2);
    const formula = { ...pendingItem(11), neuron: neuronOf(11, { neuron_name: '=1+1' }) };
    const parsed = JSON.parse(await textOf(manifestJson(snapshot, each([done, formula]))));
    expect(parsed.dataset).toEqual(snapshot);
    expect(parsed.items).toEqual([toManifestRow(done), toManifestRow(formula)]);
    expect(parsed.items[1].neuron_name).toBe('=1+1');
    expect(Object.keys(parsed.items[0])).toEqual(MANIFEST_COLUMNS);
  });

  it('is valid JSON with no items', async () => {
    const parsed = JSON.parse(await textOf(manifestJson(snapshotOf('ds_1', 'none', 0), each([]))));
    expect(parsed.items).toEqual([]);
  });

  it('is written a row at a time: 10,000 rows come in many chunks, none holding the whole', async () => {
    async function* many(): AsyncGenerator<DatasetItem> {
      for (let id = 1; id <= 10_000; id += 1) yield { ...done, neuronId: id };
    }
    let chunks = 0;
    let largest = 0;
    let total = 0;
    for await (const chunk of manifestJson(snapshotOf('ds_1', 'many', 10_000), many())) {
      chunks += 1;
      largest = Math.max(largest, (chunk as Buffer).length);
      total += (chunk as Buffer).length;
    }
    expect(chunks).toBeGreaterThan(1_000);
    expect(largest).toBeLessThan(total / 100);
  });
});

import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DownloadNeuronDocument } from '../../generated/graphql.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 300 });
const cacheDir = await tempDir();
const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir });
const fileRequests = () => replica.count({ pathPrefix: '/dableFiles' });

async function upstreamBytes(url: string): Promise<Buffer> {
  return Buffer.from(await (await fetch(url)).arrayBuffer());
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function listing(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

describe('downloadNeuron', () => {
  it('BOTH writes the standard and original files, then metadata.json, with sizes and hashes', async () => {
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 604 });
    expect(errors).toBeUndefined();
    const record = data?.downloadNeuron;
    expect(record?.folder).toBe(join(cacheDir, '604'));
    expect(record?.measurement?.neuronId).toBe(604);
    expect(record?.items.map((item) => [item.kind, item.filename, item.downloadedNow])).toEqual([
      ['STANDARD', 'v_e_moto1.CNG.swc', true],
      ['ORIGINAL', 'v_e_moto1.anat', true],
    ]);
    for (const item of record?.items ?? []) {
      // A local script may write, so it sees paths (EXPOSE_PATHS=writers).
      const onDisk = await readFile(item.path as string);
      const upstream = await upstreamBytes(item.url);
      expect(onDisk.equals(upstream)).toBe(true);
      expect(item.bytes).toBe(onDisk.length);
      expect(item.sha256).toBe(sha256(onDisk));
      expect(item.localUrl).toBe(`${gateway.url}/files/604/${item.filename}`);
    }
    const real = await readFile(new URL('../../../fixtures/swc/v_e_moto1.CNG.swc', import.meta.url));
    expect((await readFile(join(cacheDir, '604', 'v_e_moto1.CNG.swc'))).equals(real)).toBe(true);
    expect(record?.neuron.cacheStatus).toEqual({
      exists: true,
      metadataExists: true,
      standardExists: true,
      originalExists: true,
    });
    expect(await listing(join(cacheDir, '604'))).toEqual([
      'metadata.json',
      'v_e_moto1.CNG.swc',
      'v_e_moto1.anat',
    ]);
  });

  it('metadata.json has exactly the reference keys, sorted and indented', async () => {
    await gateway.execute(DownloadNeuronDocument, { id: 1, mode: 'STANDARD' });
    const text = await readFile(join(cacheDir, '1', 'metadata.json'), 'utf8');
    const metadata = JSON.parse(text) as Record<string, unknown>;
    const keys = [
      'archive',
      'brain_region',
      'cell_type',
      'download_items',
      'download_mode',
      'links',
      'measurement',
      'measurement_url',
      'neuron',
      'neuron_id',
      'neuron_name',
      'original_file_url',
      'original_format',
      'species',
      'standard_swc_url',
      'thumbnail_url',
    ];
    expect(Object.keys(metadata)).toEqual(keys);
    expect(text.startsWith('{\n  "archive": "Wearne_Hof",\n')).toBe(true);
    expect(metadata).toMatchObject({
      neuron_id: 1,
      neuron_name: 'cnic_001',
      download_mode: 'standard',
      standard_swc_url: `${replica.url}/dableFiles/wearne_hof/CNG%20version/cnic_001.CNG.swc`,
      measurement: { neuron_id: 1, n_stems: 6 },
      download_items: [
        {
          kind: 'standard',
          filename: 'cnic_001.CNG.swc',
          path: 'cnic_001.CNG.swc',
          downloaded_now: true,
          reason: null,
          url: `${replica.url}/dableFiles/wearne_hof/CNG%20version/cnic_001.CNG.swc`,
        },
      ],
    });
    expect((metadata.neuron as Record<string, unknown>).min_age).toBe('24.0');
    expect(metadata.links).toEqual((metadata.neuron as Record<string, unknown>)._links);
  });

  it('ORIGINAL fetches only the original file', async () => {
    const { data } = await gateway.execute(DownloadNeuronDocument, { id: 5811, mode: 'ORIGINAL' });
    expect(data?.downloadNeuron?.items.map((item) => item.filename)).toEqual(['cell1-mbf-dend-axon.asc']);
    expect(fileRequests()).toBe(1);
    expect(await listing(join(cacheDir, '5811'))).toEqual(['cell1-mbf-dend-axon.asc', 'metadata.json']);
  });

  it('dryRun writes nothing and fetches no file and no measurement', async () => {
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 37, dryRun: true });
    expect(errors).toBeUndefined();
    const record = data?.downloadNeuron;
    expect(record?.dryRun).toBe(true);
    expect(record?.measurement).toBeNull();
    expect(record?.items.map((item) => [item.downloadedNow, item.reason, item.bytes, item.localUrl])).toEqual(
      [
        [false, 'dry_run', null, null],
        [false, 'dry_run', null, null],
      ],
    );
    expect(await listing(join(cacheDir, '37'))).toEqual([]);
    expect(fileRequests()).toBe(0);
    expect(replica.count({ pathPrefix: '/api/morphometry' })).toBe(0);
  });

  it('keeps existing files unless overwrite is set', async () => {
    await gateway.execute(DownloadNeuronDocument, { id: 38 });
    const before = await stat(join(cacheDir, '38', 'cnic_014.CNG.swc'));
    replica.clearLog();
    const again = await gateway.execute(DownloadNeuronDocument, { id: 38 });
    expect(again.data?.downloadNeuron?.items.map((item) => [item.downloadedNow, item.reason])).toEqual([
      [false, 'already_exists'],
      [false, 'already_exists'],
    ]);
    expect(again.data?.downloadNeuron?.items[0]?.bytes).toBe(before.size);
    expect(fileRequests()).toBe(0);
    const overwritten = await gateway.execute(DownloadNeuronDocument, { id: 38, overwrite: true });
    expect(overwritten.data?.downloadNeuron?.items.every((item) => item.downloadedNow)).toBe(true);
    expect(fileRequests()).toBe(2);
  });

  it('a dry run of a cached neuron plans from disk and costs no upstream request at all', async () => {
    await gateway.execute(DownloadNeuronDocument, { id: 39, mode: 'STANDARD' });
    replica.clearLog();
    const { data } = await gateway.execute(DownloadNeuronDocument, { id: 39, dryRun: true });
    expect(data?.downloadNeuron?.neuron.name).toBe('cnic_015');
    expect(replica.log).toHaveLength(0);
  });

  it('keeps the skip reason of items that cannot be planned', async () => {
    const list = (await (await fetch(`${replica.url}/api/neuron?size=500&sort=neuron_id,asc`)).json()) as {
      _embedded: { neuronResources: Array<{ neuron_id: number; original_format: string | null }> };
    };
    const unplannable = list._embedded.neuronResources.find(
      (record) => record.original_format === null || !String(record.original_format).includes('.'),
    );
    expect(unplannable, 'the replica population has neurons without an original file').toBeDefined();
    const id = unplannable?.neuron_id as number;
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id });
    expect(errors).toBeUndefined();
    const original = data?.downloadNeuron?.items.find((item) => item.kind === 'ORIGINAL');
    expect(original).toMatchObject({ downloadedNow: false, url: '' });
    expect(original?.reason).toMatch(/original_format/);
    expect(data?.downloadNeuron?.items.find((item) => item.kind === 'STANDARD')?.downloadedNow).toBe(true);
  });

  it('NOT_FOUND for a neuron NeuroMorpho does not have', async () => {
    const { errors } = await gateway.execute(DownloadNeuronDocument, { id: 999_999_999 });
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('failures never leave partial files', () => {
  it('a stream cut mid-file is retried from scratch and the result is complete', async () => {
    replica.faults.add({ route: '/dableFiles', truncate: true, times: 1 });
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 40, mode: 'STANDARD' });
    expect(errors).toBeUndefined();
    const item = data?.downloadNeuron?.items[0];
    expect(fileRequests()).toBe(2);
    expect((await readFile(item?.path as string)).equals(await upstreamBytes(item?.url as string))).toBe(
      true,
    );
  });

  it('a stream that keeps breaking fails with UPSTREAM_ERROR and leaves nothing behind', async () => {
    replica.faults.add({ route: '/dableFiles', truncate: true });
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 41 });
    // downloadNeuron is nullable: the failure nulls its own field, not the whole answer.
    expect(data).toEqual({ downloadNeuron: null });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', kind: 'standard' });
    expect(await listing(join(cacheDir, '41'))).toEqual([]);
  });

  it('a file missing upstream (404) names the failed item and keeps nothing of the download', async () => {
    const id = replica.population.missingFileIds[0] as number;
    const { errors } = await gateway.execute(DownloadNeuronDocument, { id });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', status: 404, kind: 'standard' });
    expect(String(errors?.[0]?.extensions?.filename)).toMatch(/\.CNG\.swc$/);
    expect(await listing(join(cacheDir, String(id)))).toEqual([]);
  });

  it('a failed measurement request fails before anything touches the disk', async () => {
    replica.faults.add({ route: '/api/morphometry', status: 503 });
    const { errors } = await gateway.execute(DownloadNeuronDocument, { id: 42 });
    expect(errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(fileRequests()).toBe(0);
    expect(await listing(join(cacheDir, '42'))).toEqual([]);
  });

  it('a failed overwrite keeps the files that were there', async () => {
    await gateway.execute(DownloadNeuronDocument, { id: 43, mode: 'STANDARD' });
    const path = join(cacheDir, '43', 'cnic_025.CNG.swc');
    const before = await readFile(path);
    replica.faults.add({ route: '/dableFiles', status: 500 });
    const { errors } = await gateway.execute(DownloadNeuronDocument, {
      id: 43,
      mode: 'STANDARD',
      overwrite: true,
    });
    expect(errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect((await readFile(path)).equals(before)).toBe(true);
    expect(await listing(join(cacheDir, '43'))).toEqual(['cnic_025.CNG.swc', 'metadata.json']);
  });
});

describe('concurrency', () => {
  it('20 concurrent downloads of one neuron fetch each file once', async () => {
    replica.faults.add({ route: '/dableFiles', latencyMs: 100 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => gateway.execute(DownloadNeuronDocument, { id: 44 })),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(fileRequests()).toBe(2);
    expect(replica.count({ pathPrefix: '/dableFiles/wearne_hof/CNG%20version/cnic_026' })).toBe(1);
    const hashes = new Set(results.map((result) => result.data?.downloadNeuron?.items[0]?.sha256));
    expect(hashes.size).toBe(1);
  });
});

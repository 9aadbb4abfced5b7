import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { MANIFEST_COLUMNS } from '../../../src/datasets/outputs/manifest-columns.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { readZip, saveZip } from '../../unit/datasets/outputs/zip-reader.js';
import { allItems, createOrThrow, waitForDataset } from './support.js';

const replica = await startReplica({ size: 40 });
const cacheDir = await tempDir();
const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir, DOWNLOAD_CONCURRENCY: '8' });

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type Row = Record<string, string | number | null>;

/** The dataset's outputs URLs, as GraphQL hands them out. */
async function urlsOf(id: string) {
  const { data } = await gateway.execute<
    { dataset: { manifestCsvUrl: string; manifestJsonUrl: string; zipUrl: string } },
    { id: string }
  >('query ($id: ID!) { dataset(id: $id) { manifestCsvUrl manifestJsonUrl zipUrl } }', { id });
  if (!data) throw new Error('no dataset');
  return data.dataset;
}

// A search over generated neurons that holds one whose files the replica answers 404 (id 700017).
const created = await createOrThrow(gateway, {
  q: 'neuron_id:[700000 TO 700030]',
  limit: 25,
  mode: 'BOTH',
  name: 'rat, "CA1" cells',
});
const finished = await waitForDataset(gateway, created.id, undefined, 60_000);
const items = await allItems(gateway, created.id);
const urls = await urlsOf(created.id);

describe('dataset outputs through the gateway', () => {
  it('the job the outputs describe ran to its end, one item failing', () => {
    expect(finished.status).toBe('DONE');
    expect(items).toHaveLength(25);
    expect(items.filter((item) => item.status === 'FAILED').map((item) => item.neuronId)).toEqual([700017]);
  });

  it('manifest.json has a row per item in plan order, every sha256 that of the file on disk', async () => {
    const answer = await request(urls.manifestJsonUrl);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = (await answer.body.json()) as { dataset: { id: string; status: string }; items: Row[] };
    expect(body.dataset).toMatchObject({ id: created.id, status: 'DONE' });
    expect(body.items.map((row) => row.neuron_id)).toEqual(items.map((item) => item.neuronId));
    let files = 0;
    for (const [index, row] of body.items.entries()) {
      const item = items[index];
      expect(row.status).toBe(item?.status);
      for (const kind of ['standard', 'original']) {
        const file = item?.files.find((each) => each.kind.toLowerCase() === kind);
        expect(row[`${kind}_path`]).toBe(file?.relativePath ?? null);
        if (file === undefined) continue;
        const onDisk = await readFile(join(cacheDir, file.relativePath));
        expect(row[`${kind}_sha256`]).toBe(sha256(onDisk));
        expect(row[`${kind}_bytes`]).toBe(onDisk.length);
        files += 1;
      }
    }
    expect(files).toBe(items.reduce((count, item) => count + item.files.length, 0));
    expect(files).toBeGreaterThan(24);
    const failed = body.items.find((row) => row.status === 'FAILED');
    expect(failed?.error_code).toEqual(expect.any(String));
    expect(typeof body.items[0]?.surface).toBe('number');
  });

  it('manifest.csv holds the same rows, with a header, as an attachment named after the dataset', async () => {
    const answer = await request(urls.manifestCsvUrl);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(answer.headers['content-disposition']).toBe(
      `attachment; filename="rat, _CA1_ cells-manifest.csv"; filename*=UTF-8''rat%2C%20_CA1_%20cells-manifest.csv`,
    );
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    const lines = (await answer.body.text()).split('\n');
    expect(lines[0]).toBe(MANIFEST_COLUMNS.join(','));
    expect(lines.slice(1, -1).map((line) => Number(line.split(',')[0]))).toEqual(
      items.map((item) => item.neuronId),
    );
  });

  it('the zip holds every fetched file, each metadata.json and the manifests, each entry passing its CRC', async () => {
    const answer = await request(urls.zipUrl);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/zip');
    const zip = await readZip(await saveZip(answer.body));
    const tested = await zip.test();
    expect(tested.ok, tested.output.slice(-2000)).toBe(true);
    const names = zip.entries.map((entry) => entry.name);
    const fetched = items.flatMap((item) => item.files.map((file) => file.relativePath));
    for (const path of fetched) expect(names).toContain(path);
    for (const item of items.filter((each) => each.status !== 'FAILED')) {
      expect(names).toContain(`${item.neuronId}/metadata.json`);
    }
    expect(names.slice(-2)).toEqual(['manifest.csv', 'manifest.json']);
    const manifest = JSON.parse(await zip.text('manifest.json')) as { items: Row[] };
    for (const row of manifest.items.filter((each) => each.standard_path !== null)) {
      expect(sha256(await zip.bytes(String(row.standard_path)))).toBe(row.standard_sha256);
    }
  });

  it('an unknown dataset is a 404 NOT_FOUND, a POST is 405, and the host guard covers the routes', async () => {
    const unknown = await request(`${gateway.url}/datasets/ds_ffffffffffffffff.zip`);
    expect(unknown.statusCode).toBe(404);
    expect(
      ((await unknown.body.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]
        ?.extensions.code,
    ).toBe('NOT_FOUND');
    const post = await request(urls.manifestCsvUrl, { method: 'POST' });
    expect(post.statusCode).toBe(405);
    await post.body.dump();
    const foreign = await request(urls.zipUrl, { headers: { host: 'attacker.example' } });
    expect(foreign.statusCode).toBe(403);
    await foreign.body.dump();
  });
});

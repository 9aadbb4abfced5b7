import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { useDatasetFiles } from '../../../../src/server/plugins/use-dataset-files.js';
import { tempDir } from '../../../support/temp-dir.js';
import { recordingLogger, servePlugins } from '../../server/plugins/plugin-server.js';
import { finishedItem, memorySource, pendingItem, snapshotOf } from './memory-source.js';
import { readZip, saveZip } from './zip-reader.js';

const root = await tempDir();
const SWC = '1 1 0 0 0 1 -1\n2 3 1 0 0 0.5 1\n';
const snapshot = snapshotOf('ds_0123456789abcdef', 'Mäuse: "CA1" / pyramidal', 2);
const items = [
  await finishedItem(root, 3, [{ kind: 'standard', filename: 'c3.CNG.swc', content: SWC }]),
  pendingItem(4),
];
const source = memorySource({ [snapshot.id]: { snapshot, items } });
const { logger } = recordingLogger('silent');
const { url } = await servePlugins([useDatasetFiles({ datasets: source, root, logger })]);
const { url: withoutDatasets, seen } = await servePlugins([useDatasetFiles(null)]);

const get = async (path: string, method = 'GET', base = url) => {
  const answer = await request(`${base}${path}`, { method: method as 'GET' });
  return {
    status: answer.statusCode,
    headers: answer.headers,
    bytes: Buffer.from(await answer.body.arrayBuffer()),
  };
};

const DISPOSITION_BASE = `attachment; filename="M_use_ _CA1_ _ pyramidal`;
const ENCODED_BASE = `filename*=UTF-8''M%C3%A4use_%20_CA1_%20_%20pyramidal`;

describe('dataset routes', () => {
  it('GET manifest.csv: CSV, as an attachment named after the dataset, to any origin, not stored', async () => {
    const answer = await get(`/datasets/${snapshot.id}/manifest.csv`);
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `${DISPOSITION_BASE}-manifest.csv"; ${ENCODED_BASE}-manifest.csv`,
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'Content-Disposition',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    const lines = answer.bytes.toString().split('\n');
    expect(lines[0]?.startsWith('neuron_id,neuron_name,')).toBe(true);
    expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['3', '4']);
  });

  it('GET manifest.json: the snapshot and one row per item', async () => {
    const answer = await get(`/datasets/${snapshot.id}/manifest.json`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['content-disposition']).toContain('-manifest.json');
    const body = JSON.parse(answer.bytes.toString());
    expect(body.dataset).toEqual(snapshot);
    expect(body.items.map((row: { neuron_id: number }) => row.neuron_id)).toEqual([3, 4]);
  });

  it('GET .zip: a zip whose every entry passes its CRC check', async () => {
    const answer = await request(`${url}/datasets/${snapshot.id}.zip`);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/zip');
    expect(answer.headers['content-disposition']).toBe(`${DISPOSITION_BASE}.zip"; ${ENCODED_BASE}.zip`);
    expect(answer.headers['transfer-encoding']).toBe('chunked');
    const zip = await readZip(await saveZip(answer.body));
    expect(await zip.test()).toMatchObject({ ok: true });
    expect(zip.entries.map((entry) => entry.name)).toEqual([
      '3/c3.CNG.swc',
      '3/metadata.json',
      'manifest.csv',
      'manifest.json',
    ]);
    expect(await zip.text('3/c3.CNG.swc')).toBe(SWC);
  });

  it('HEAD answers the headers and reads no item', async () => {
    const before = source.passes;
    const answer = await get(`/datasets/${snapshot.id}.zip`, 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/zip');
    expect(answer.bytes.length).toBe(0);
    expect(source.passes).toBe(before);
  });

  it.each([
    '/datasets/ds_ffffffffffffffff/manifest.csv',
    '/datasets/ds_ffffffffffffffff.zip',
    `/datasets/${snapshot.id}/manifest.xml`,
    `/datasets/${snapshot.id}/`,
    '/datasets/..%2F..%2Fetc.zip',
  ])('%s is a 404 JSON answer with code NOT_FOUND', async (path) => {
    const answer = await get(path);
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(answer.bytes.toString()).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it.each(['POST', 'PUT', 'DELETE'])('%s is 405 with Allow: GET, HEAD', async (method) => {
    const answer = await get(`/datasets/${snapshot.id}.zip`, method);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });

  it('without datasets the routes are not there: the request goes on to the next handler', async () => {
    const answer = await get(`/datasets/${snapshot.id}.zip`, 'GET', withoutDatasets);
    expect(answer.bytes.toString()).toBe('handled');
    expect(seen).toHaveLength(1);
  });
});

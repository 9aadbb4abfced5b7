/**
 * The cache folder is shared with the reference client: folders in the shapes it writes must read as
 * it reads them, and housekeeping must touch only what is a neuron folder.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CachedNeuronsDocument,
  ClearCacheDocument,
  DownloadNeuronDocument,
  RemoveCachedNeuronDocument,
} from '../../generated/graphql.js';
import { snapshot } from '../../support/disk-snapshot.js';
import { startGateway } from '../../support/gateway.js';
import { writeReferenceFolder } from '../../support/reference-folder.js';
import { fetchJson, startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 300 });
const fileRequests = () => replica.count({ pathPrefix: '/dableFiles' });

async function record(id: number): Promise<Record<string, unknown>> {
  return (await fetchJson<Record<string, unknown>>(replica, `/api/neuron/id/${id}`)).body;
}

async function upstreamFile(url: string): Promise<Buffer> {
  return Buffer.from(await (await fetch(url)).arrayBuffer());
}

async function gatewayWithCache() {
  const cacheDir = await tempDir();
  return { cacheDir, gateway: await startGateway(replica.url, { CACHE_DIR: cacheDir }) };
}

const STATUS_FIELDS = 'exists metadataExists standardExists originalExists incomplete site fromOtherSite';

interface Status {
  neuronId?: number;
  exists: boolean;
  metadataExists: boolean;
  standardExists: boolean;
  originalExists: boolean;
  incomplete: boolean;
  site: string | null;
  fromOtherSite: boolean;
}

async function statusOf(gateway: Awaited<ReturnType<typeof startGateway>>, id: number): Promise<Status> {
  const answer = await gateway.execute<{ neuron: { cacheStatus: Status } }, undefined>(
    `{ neuron(id: ${id}) { cacheStatus { ${STATUS_FIELDS} } } }`,
  );
  return answer.data?.neuron.cacheStatus as Status;
}

async function listed(gateway: Awaited<ReturnType<typeof startGateway>>): Promise<Status[]> {
  const answer = await gateway.execute<{ cachedNeurons: Status[] }, undefined>(
    `{ cachedNeurons { neuronId ${STATUS_FIELDS} } }`,
  );
  return answer.data?.cachedNeurons ?? [];
}

const trusted = { exists: true, metadataExists: true, incomplete: false, fromOtherSite: false };

describe('metadata.json in the reference client partial shapes', () => {
  it('`{}`: the files present are reported, trusted, and not fetched again', async () => {
    const { cacheDir, gateway } = await gatewayWithCache();
    await mkdir(join(cacheDir, '604'));
    await writeFile(join(cacheDir, '604', 'metadata.json'), '{}');
    const swcUrl = `${replica.url}/dableFiles/burke/CNG%20version/v_e_moto1.CNG.swc`;
    await writeFile(join(cacheDir, '604', 'v_e_moto1.CNG.swc'), await upstreamFile(swcUrl));
    await writeFile(join(cacheDir, '604', 'v_e_moto1.anat'), 'the original');

    const expected = { ...trusted, standardExists: true, originalExists: true, site: null };
    expect(await listed(gateway)).toEqual([{ neuronId: 604, ...expected }]);
    expect(await statusOf(gateway, 604)).toEqual(expected);

    replica.clearLog();
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 604 });
    expect(errors).toBeUndefined();
    expect(
      data?.downloadNeuron?.items.map((item) => [item.filename, item.downloadedNow, item.reason]),
    ).toEqual([
      ['v_e_moto1.CNG.swc', false, 'already_exists'],
      ['v_e_moto1.anat', false, 'already_exists'],
    ]);
    expect(fileRequests()).toBe(0);
    expect(await readFile(join(cacheDir, '604', 'v_e_moto1.anat'), 'utf8')).toBe('the original');
  });

  it('no `neuron` payload, or no readable JSON at all: the files present still count, by name', async () => {
    const { cacheDir, gateway } = await gatewayWithCache();
    await mkdir(join(cacheDir, '37'));
    await writeFile(join(cacheDir, '37', 'metadata.json'), JSON.stringify({ neuron_id: 37 }));
    await writeFile(join(cacheDir, '37', 'cnic_013.CNG.swc'), 'standard');
    await mkdir(join(cacheDir, '38'));
    // Written in place, as the reference writes it, and cut short.
    await writeFile(join(cacheDir, '38', 'metadata.json'), '{"neuron_id": 38, "neur');
    await writeFile(join(cacheDir, '38', 'cnic_014.CNG.swc'), 'standard');
    await writeFile(join(cacheDir, '38', 'cnic_014.asc'), 'original');

    expect(await listed(gateway)).toEqual([
      { neuronId: 37, ...trusted, standardExists: true, originalExists: false, site: null },
      { neuronId: 38, ...trusted, standardExists: true, originalExists: true, site: null },
    ]);
  });
});

describe('Custom.xml originals saved as {stem}.xml', () => {
  it('count as the original everywhere, and no second copy is written beside them', async () => {
    const { cacheDir, gateway } = await gatewayWithCache();
    const select = await fetchJson<{ _embedded: { neuronResources: Array<Record<string, unknown>> } }>(
      replica,
      '/api/neuron/select?q=original_format:Custom.xml&size=1',
    );
    const custom = select.body._embedded.neuronResources[0] as Record<string, unknown>;
    const id = Number(custom.neuron_id);
    // The reference's folder for this site (its URLs built on the gateway's site base).
    const written = await writeReferenceFolder(
      cacheDir,
      custom,
      { standard: 'standard', original: 'original as the reference saved it' },
      replica.url,
    );
    expect(written.original).toMatch(/\.xml$/);
    expect(written.original).not.toMatch(/\.morph\.xml$/);

    const expected = { ...trusted, standardExists: true, originalExists: true, site: replica.url };
    expect(await statusOf(gateway, id)).toEqual(expected);
    expect(await listed(gateway)).toEqual([{ neuronId: id, ...expected }]);

    replica.clearLog();
    const kept = await gateway.execute(DownloadNeuronDocument, { id });
    expect(kept.errors).toBeUndefined();
    const original = kept.data?.downloadNeuron?.items.find((item) => item.kind === 'ORIGINAL');
    expect(original).toMatchObject({
      filename: written.original,
      path: join(written.folder, written.original),
      downloadedNow: false,
      reason: 'already_exists',
      localUrl: `${gateway.url}/files/${id}/${written.original}`,
    });
    // The URL stays the one NeuroMorpho serves.
    expect(original?.url).toMatch(/\.morph\.xml$/);
    expect(fileRequests()).toBe(0);

    const replaced = await gateway.execute(DownloadNeuronDocument, { id, mode: 'ORIGINAL', overwrite: true });
    expect(replaced.errors).toBeUndefined();
    const item = replaced.data?.downloadNeuron?.items[0];
    expect(item).toMatchObject({ filename: written.original, downloadedNow: true });
    expect(
      (await readFile(join(written.folder, written.original))).equals(
        await upstreamFile(item?.url as string),
      ),
    ).toBe(true);
    const names = await readdir(written.folder);
    expect(names.filter((name) => name.endsWith('.morph.xml'))).toEqual([]);
  });
});

describe('housekeeping in a shared cache folder', () => {
  it('only real folders named by a canonical id are neuron folders: `007` and a file `123` stay', async () => {
    const { cacheDir, gateway } = await gatewayWithCache();
    await writeReferenceFolder(cacheDir, await record(604), { standard: 'a', original: 'b' }, replica.url);
    await writeFile(join(cacheDir, '123'), 'a plain file named with digits');
    await mkdir(join(cacheDir, '007'));
    await writeFile(join(cacheDir, '007', 'notes.txt'), 'someone else’s folder');
    const others = await snapshot(cacheDir);
    for (const key of Object.keys(others)) if (key.startsWith('604')) delete others[key];

    expect((await listed(gateway)).map((status) => status.neuronId)).toEqual([604]);
    expect((await gateway.execute(RemoveCachedNeuronDocument, { id: 7 })).data?.removeCachedNeuron).toBe(
      false,
    );
    expect((await gateway.execute(RemoveCachedNeuronDocument, { id: 123 })).data?.removeCachedNeuron).toBe(
      false,
    );
    expect((await gateway.execute(ClearCacheDocument)).data?.clearCache).toBe(1);
    expect((await readdir(cacheDir)).sort()).toEqual(['007', '123']);
    expect(await snapshot(cacheDir)).toEqual(others);
    expect((await gateway.execute(CachedNeuronsDocument)).data?.cachedNeurons).toEqual([]);
  });
});

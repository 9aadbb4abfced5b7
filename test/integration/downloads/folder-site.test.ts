/**
 * Every neuron folder records the site it came from, in the URLs its metadata.json already holds (no
 * key of its own: the file stays key for key the reference client's). A folder of another site is not
 * taken as this gateway's.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DownloadNeuronDocument } from '../../generated/graphql.js';
import { startGateway } from '../../support/gateway.js';
import { REFERENCE_SITE, writeReferenceFolder } from '../../support/reference-folder.js';
import { fetchJson, startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 20 });
const record604 = (await fetchJson<Record<string, unknown>>(replica, '/api/neuron/id/604')).body;

interface Status {
  exists: boolean;
  metadataExists: boolean;
  standardExists: boolean;
  originalExists: boolean;
  site: string | null;
  fromOtherSite: boolean;
}

const FIELDS = 'exists metadataExists standardExists originalExists site fromOtherSite';

async function referenceCache(): Promise<string> {
  const cacheDir = await tempDir();
  await writeReferenceFolder(cacheDir, record604, {
    standard: 'standard file from neuromorpho.org',
    original: 'original file from neuromorpho.org',
  });
  return cacheDir;
}

describe('the site of a neuron folder', () => {
  it("a folder from another site does not count here, and a download replaces it with this site's files", async () => {
    const cacheDir = await referenceCache();
    const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir });
    const otherSite = {
      exists: false,
      metadataExists: false,
      standardExists: false,
      originalExists: false,
      site: REFERENCE_SITE,
      fromOtherSite: true,
    };
    const status = await gateway.execute<{ neuron: { cacheStatus: Status } }, undefined>(
      `{ neuron(id: 604) { cacheStatus { ${FIELDS} } } }`,
    );
    expect(status.data?.neuron.cacheStatus).toEqual(otherSite);
    const listed = await gateway.execute<{ cachedNeurons: Status[] }, undefined>(
      `{ cachedNeurons { ${FIELDS} } }`,
    );
    expect(listed.data?.cachedNeurons).toEqual([otherSite]);

    // A dry run does not plan from another site's record either: it asks this site.
    replica.clearLog();
    await gateway.execute(DownloadNeuronDocument, { id: 604, dryRun: true });
    expect(replica.count({ pathPrefix: '/api/neuron' })).toBe(1);

    replica.clearLog();
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 604 });
    expect(errors).toBeUndefined();
    expect(data?.downloadNeuron?.items.map((item) => [item.filename, item.downloadedNow])).toEqual([
      ['v_e_moto1.CNG.swc', true],
      ['v_e_moto1.anat', true],
    ]);
    expect(replica.count({ pathPrefix: '/dableFiles' })).toBe(2);
    const real = await readFile(new URL('../../../fixtures/swc/v_e_moto1.CNG.swc', import.meta.url));
    expect((await readFile(join(cacheDir, '604', 'v_e_moto1.CNG.swc'))).equals(real)).toBe(true);
    const metadata = JSON.parse(await readFile(join(cacheDir, '604', 'metadata.json'), 'utf8')) as {
      standard_swc_url: string;
    };
    expect(metadata.standard_swc_url.startsWith(`${replica.url}/dableFiles/`)).toBe(true);

    const after = await gateway.execute<{ neuron: { cacheStatus: Status } }, undefined>(
      `{ neuron(id: 604) { cacheStatus { ${FIELDS} } } }`,
    );
    expect(after.data?.neuron.cacheStatus).toEqual({
      exists: true,
      metadataExists: true,
      standardExists: true,
      originalExists: true,
      site: replica.url,
      fromOtherSite: false,
    });
  });

  it('a folder the reference client wrote belongs to the real site: a gateway on it takes it as its own', async () => {
    const cacheDir = await referenceCache();
    // Nothing here reaches the network: cachedNeurons and a dry run of a cached neuron read the disk only.
    const gateway = await startGateway(REFERENCE_SITE, { CACHE_DIR: cacheDir });
    const listed = await gateway.execute<{ cachedNeurons: Status[] }, undefined>(
      `{ cachedNeurons { ${FIELDS} } }`,
    );
    expect(listed.data?.cachedNeurons).toEqual([
      {
        exists: true,
        metadataExists: true,
        standardExists: true,
        originalExists: true,
        site: REFERENCE_SITE,
        fromOtherSite: false,
      },
    ]);
    const dry = await gateway.execute(DownloadNeuronDocument, { id: 604, dryRun: true });
    expect(dry.errors).toBeUndefined();
    expect(dry.data?.downloadNeuron?.items[0]?.url).toBe(
      `${REFERENCE_SITE}/dableFiles/burke/CNG%20version/v_e_moto1.CNG.swc`,
    );
  });

  it("this gateway's own downloads name its site", async () => {
    const gateway = await startGateway(replica.url, { CACHE_DIR: await tempDir() });
    await gateway.execute(DownloadNeuronDocument, { id: 1, mode: 'STANDARD' });
    const status = await gateway.execute<{ neuron: { cacheStatus: Status } }, undefined>(
      `{ neuron(id: 1) { cacheStatus { ${FIELDS} } } }`,
    );
    expect(status.data?.neuron.cacheStatus).toMatchObject({
      exists: true,
      site: replica.url,
      fromOtherSite: false,
    });
  });
});

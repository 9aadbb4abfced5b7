import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DownloadNeuronDocument } from '../../generated/graphql.js';
import { startCraftedUpstream } from '../../support/crafted-upstream.js';
import { snapshot } from '../../support/disk-snapshot.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 20 });

interface StatusAnswer {
  neuron: {
    cacheStatus: {
      exists: boolean;
      metadataExists: boolean;
      standardExists: boolean;
      originalExists: boolean;
      incomplete: boolean;
    };
  };
}

const STATUS =
  '{ neuron(id: 604) { cacheStatus { exists metadataExists standardExists originalExists incomplete } } }';

/** `depth` objects nested in one another, as JSON text: JSON.parse reads it, JSON.stringify cannot walk it back. */
function nested(depth: number): string {
  return `${'{"deeper":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;
}

describe('a download commits everything at once, or nothing', () => {
  it('a record too deeply nested to render as metadata.json is refused before any file is fetched or written', async () => {
    const fields =
      '"neuron_id":4242,"neuron_name":"deep","archive":"Crafted","original_format":"Neurolucida.asc"';
    // JSON.parse reads nesting iteratively; rendering it back is recursive and runs out of stack.
    const upstream = await startCraftedUpstream([
      { neuronId: 4242, json: `{${fields},"extra":${nested(20_000)}}` },
    ]);
    const cacheDir = await tempDir();
    const gateway = await startGateway(upstream.url, { CACHE_DIR: cacheDir });
    const before = await snapshot(cacheDir);

    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 4242 });

    expect(data?.downloadNeuron ?? null).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('METADATA_RENDER_FAILED');
    expect(errors?.[0]?.message).toMatch(/neuron 4242 cannot be written as metadata\.json/);
    // Rendered before the files: nothing was fetched, no folder was created.
    expect(upstream.fileRequests()).toBe(0);
    expect(await snapshot(cacheDir)).toEqual(before);
  });

  it('a folder without metadata.json is incomplete: its files are not trusted, and a download fetches them again', async () => {
    const cacheDir = await tempDir();
    const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir });
    // What an interrupted download (kill -9 between the renames, or an older gateway) leaves behind.
    await mkdir(join(cacheDir, '604'));
    await writeFile(join(cacheDir, '604', 'v_e_moto1.CNG.swc'), 'not the real file');
    await writeFile(join(cacheDir, '604', 'v_e_moto1.anat'), 'nor this');

    const status = await gateway.execute<StatusAnswer, undefined>(STATUS);
    expect(status.data?.neuron.cacheStatus).toEqual({
      exists: true,
      metadataExists: false,
      standardExists: false,
      originalExists: false,
      incomplete: true,
    });

    replica.clearLog();
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 604 });
    expect(errors).toBeUndefined();
    expect(
      data?.downloadNeuron?.items.map((item) => [item.filename, item.downloadedNow, item.reason]),
    ).toEqual([
      ['v_e_moto1.CNG.swc', true, null],
      ['v_e_moto1.anat', true, null],
    ]);
    expect(replica.count({ pathPrefix: '/dableFiles' })).toBe(2);
    const real = await readFile(new URL('../../../fixtures/swc/v_e_moto1.CNG.swc', import.meta.url));
    expect((await readFile(join(cacheDir, '604', 'v_e_moto1.CNG.swc'))).equals(real)).toBe(true);
    expect((await readdir(join(cacheDir, '604'))).sort()).toEqual([
      'metadata.json',
      'v_e_moto1.CNG.swc',
      'v_e_moto1.anat',
    ]);

    const after = await gateway.execute<StatusAnswer, undefined>(STATUS);
    expect(after.data?.neuron.cacheStatus).toEqual({
      exists: true,
      metadataExists: true,
      standardExists: true,
      originalExists: true,
      incomplete: false,
    });
  });

  it('cachedNeurons reports a folder without metadata.json as incomplete, with no file trusted', async () => {
    const cacheDir = await tempDir();
    const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir });
    await mkdir(join(cacheDir, '37'));
    await writeFile(join(cacheDir, '37', 'cnic_013.CNG.swc'), 'half a file');
    const listed = await gateway.execute<{ cachedNeurons: unknown[] }, undefined>(
      '{ cachedNeurons { neuronId exists metadataExists standardExists incomplete } }',
    );
    expect(listed.data?.cachedNeurons).toEqual([
      { neuronId: 37, exists: true, metadataExists: false, standardExists: false, incomplete: true },
    ]);
  });
});

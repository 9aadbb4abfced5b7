import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import {
  CachedNeuronsDocument,
  ClearCacheDocument,
  DownloadNeuronDocument,
  RemoveCachedNeuronDocument,
} from '../../generated/graphql.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 20 });

describe('cache management', () => {
  it('lists cached neurons, removes one, clears the rest and leaves other files alone', async () => {
    const cacheDir = await tempDir();
    const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir });
    for (const id of [37, 1, 604]) await gateway.execute(DownloadNeuronDocument, { id, mode: 'STANDARD' });
    await writeFile(join(cacheDir, 'README.txt'), 'keep me');

    const listed = await gateway.execute(CachedNeuronsDocument);
    expect(listed.data?.cachedNeurons.map((status) => status.neuronId)).toEqual([1, 37, 604]);
    expect(listed.data?.cachedNeurons[0]).toMatchObject({
      folder: join(cacheDir, '1'),
      exists: true,
      metadataExists: true,
      standardExists: true,
      originalExists: false,
    });

    expect((await gateway.execute(RemoveCachedNeuronDocument, { id: 37 })).data?.removeCachedNeuron).toBe(
      true,
    );
    expect((await gateway.execute(RemoveCachedNeuronDocument, { id: 37 })).data?.removeCachedNeuron).toBe(
      false,
    );
    expect((await gateway.execute(ClearCacheDocument)).data?.clearCache).toBe(2);
    expect(await readdir(cacheDir)).toEqual(['README.txt']);
    expect((await gateway.execute(CachedNeuronsDocument)).data?.cachedNeurons).toEqual([]);
  });

  it('cacheStatus changes right after a download in the same request', async () => {
    const gateway = await startGateway(replica.url, { CACHE_DIR: await tempDir() });
    const result = await gateway.execute<
      {
        before: { cacheStatus: { exists: boolean } };
        download: { neuron: { cacheStatus: { exists: boolean } } };
      },
      undefined
    >(
      'mutation { download: downloadNeuron(id: 38, mode: STANDARD) { neuron { cacheStatus { exists standardExists } } } }',
    );
    expect(result.data?.download.neuron.cacheStatus).toEqual({ exists: true, standardExists: true });
  });

  it('removes temporary files left by a crash when it starts, not running ones', async () => {
    const cacheDir = await tempDir();
    await mkdir(join(cacheDir, '604'), { recursive: true });
    await writeFile(join(cacheDir, '604', 'v_e_moto1.CNG.swc'), 'complete');
    await writeFile(join(cacheDir, '604', '.v_e_moto1.anat.99-abcdef.nmg-part'), 'half a fi');
    // A download that is still running (perhaps in another gateway on the same volume) keeps its file.
    await writeFile(join(cacheDir, '604', '.v_e_moto1.anat.77-fedcba.nmg-part'), 'being writ');
    const crashTime = new Date(Date.now() - 5 * 60_000);
    await utimes(join(cacheDir, '604', '.v_e_moto1.anat.99-abcdef.nmg-part'), crashTime, crashTime);
    const app = createApp(
      loadConfig({ PORT: '0', NEUROMORPHO_URL: replica.url, CACHE_DIR: cacheDir, HOME: '/nonexistent' }),
    );
    await app.listen();
    await app.close();
    expect((await readdir(join(cacheDir, '604'))).sort()).toEqual([
      '.v_e_moto1.anat.77-fedcba.nmg-part',
      'v_e_moto1.CNG.swc',
    ]);
  });
});

import { execFile } from 'node:child_process';
import { lstat, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  CachedNeuronsDocument,
  ClearCacheDocument,
  DownloadNeuronDocument,
  RemoveCachedNeuronDocument,
} from '../../generated/graphql.js';
import { snapshot } from '../../support/disk-snapshot.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 20 });
const fileRequests = () => replica.count({ pathPrefix: '/dableFiles' });

/** A folder outside the cache holding something worth protecting. */
async function outsideFolder(): Promise<string> {
  const outside = await tempDir('nmg-outside-');
  await writeFile(join(outside, 'precious.txt'), 'must survive');
  await mkdir(join(outside, 'nested'));
  await writeFile(join(outside, 'nested', 'also.txt'), 'must survive too');
  return outside;
}

async function gatewayWithCache() {
  const cacheDir = await tempDir();
  return { cacheDir, gateway: await startGateway(replica.url, { CACHE_DIR: cacheDir }) };
}

describe('a symbolic link at a neuron folder', () => {
  it('is refused for writing (UNSAFE_PATH): nothing is fetched, nothing lands outside the cache', async () => {
    const { cacheDir, gateway } = await gatewayWithCache();
    const outside = await outsideFolder();
    await symlink(outside, join(cacheDir, '604'));
    const [inside, beyond] = [await snapshot(cacheDir), await snapshot(outside)];
    replica.clearLog();

    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 604, overwrite: true });

    expect(data?.downloadNeuron ?? null).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('UNSAFE_PATH');
    expect(fileRequests()).toBe(0);
    expect(await snapshot(outside)).toEqual(beyond);
    expect(await snapshot(cacheDir)).toEqual(inside);
  });

  it('is no neuron folder: not listed, not removed, its target untouched', async () => {
    const { cacheDir, gateway } = await gatewayWithCache();
    const outside = await outsideFolder();
    await symlink(outside, join(cacheDir, '38'));
    const [inside, beyond] = [await snapshot(cacheDir), await snapshot(outside)];

    expect((await gateway.execute(CachedNeuronsDocument)).data?.cachedNeurons).toEqual([]);
    const status = await gateway.execute<{ neuron: { cacheStatus: { exists: boolean } } }, undefined>(
      '{ neuron(id: 38) { cacheStatus { exists } } }',
    );
    expect(status.data?.neuron.cacheStatus.exists).toBe(false);
    expect((await gateway.execute(RemoveCachedNeuronDocument, { id: 38 })).data?.removeCachedNeuron).toBe(
      false,
    );
    expect((await gateway.execute(ClearCacheDocument)).data?.clearCache).toBe(0);

    expect(await snapshot(outside)).toEqual(beyond);
    expect(await snapshot(cacheDir)).toEqual(inside);
  });
});

describe('symbolic links inside a neuron folder', () => {
  it('a link in place of a data file is not trusted as the file: it is replaced, its target untouched', async () => {
    const { cacheDir, gateway } = await gatewayWithCache();
    await gateway.execute(DownloadNeuronDocument, { id: 39, mode: 'STANDARD' });
    const outside = await outsideFolder();
    const file = join(cacheDir, '39', 'cnic_015.CNG.swc');
    const genuine = await readFile(file);
    await rm(file);
    await symlink(join(outside, 'precious.txt'), file);
    const beyond = await snapshot(outside);

    const status = await gateway.execute<{ neuron: { cacheStatus: { standardExists: boolean } } }, undefined>(
      '{ neuron(id: 39) { cacheStatus { standardExists } } }',
    );
    expect(status.data?.neuron.cacheStatus.standardExists).toBe(false);

    replica.clearLog();
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 39, mode: 'STANDARD' });
    expect(errors).toBeUndefined();
    expect(data?.downloadNeuron?.items[0]).toMatchObject({ downloadedNow: true, reason: null });
    expect(fileRequests()).toBe(1);
    expect((await lstat(file)).isFile()).toBe(true);
    expect((await readFile(file)).equals(genuine)).toBe(true);
    expect(await snapshot(outside)).toEqual(beyond);
  });

  it('removing a folder unlinks the links in it and never deletes what they point at', async () => {
    const { cacheDir, gateway } = await gatewayWithCache();
    await gateway.execute(DownloadNeuronDocument, { id: 40, mode: 'STANDARD' });
    const outside = await outsideFolder();
    await symlink(outside, join(cacheDir, '40', 'linked-folder'));
    await symlink(join(outside, 'precious.txt'), join(cacheDir, '40', 'linked-file.swc'));
    const beyond = await snapshot(outside);

    expect((await gateway.execute(RemoveCachedNeuronDocument, { id: 40 })).data?.removeCachedNeuron).toBe(
      true,
    );
    expect(await lstat(join(cacheDir, '40')).catch(() => null)).toBeNull();
    expect(await snapshot(outside)).toEqual(beyond);
  });

  it('GET /files never serves through a link, even one that stays inside the cache', async () => {
    const { cacheDir, gateway } = await gatewayWithCache();
    await gateway.execute(DownloadNeuronDocument, { id: 41, mode: 'STANDARD' });
    await symlink(join(cacheDir, '41', 'cnic_017.CNG.swc'), join(cacheDir, '41', 'alias.swc'));
    const outside = await outsideFolder();
    await symlink(outside, join(cacheDir, '42'));
    expect((await fetch(`${gateway.url}/files/41/cnic_017.CNG.swc`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/files/41/alias.swc`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/files/42/precious.txt`)).status).toBe(404);
  });

  it('GET /files refuses a named pipe at once instead of waiting on it', async () => {
    const { cacheDir, gateway } = await gatewayWithCache();
    await gateway.execute(DownloadNeuronDocument, { id: 43, mode: 'STANDARD' });
    await promisify(execFile)('mkfifo', [join(cacheDir, '43', 'pipe.swc')]);
    const started = Date.now();
    const response = await fetch(`${gateway.url}/files/43/pipe.swc`, { signal: AbortSignal.timeout(5000) });
    console.log(`named pipe refused in ${Date.now() - started} ms`);
    expect(response.status).toBe(404);
    expect((await fetch(`${gateway.url}/files/43/cnic_025.CNG.swc`)).status).toBe(200);
  });
});

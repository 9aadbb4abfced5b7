import { describe, expect, it } from 'vitest';
import {
  ClearCacheDocument,
  DownloadNeuronDocument,
  RemoveCachedNeuronDocument,
} from '../../generated/graphql.js';
import { snapshot } from '../../support/disk-snapshot.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { mountTmpfs, tmpfsUnavailable } from '../../support/tmpfs.js';

const LARGE = 3 * 1024 * 1024;
const replica = await startReplica({ size: 20, largeFiles: { 1: LARGE } });
const fileRequests = () => replica.count({ pathPrefix: '/dableFiles' });
const PAGE = 4096;

// Real volumes: a tmpfs that fills up, and one remounted read-only (file modes do not stop root).
const unavailable = await tmpfsUnavailable();
if (unavailable) console.warn(`disk-errors: skipped, ${unavailable}`);

describe.skipIf(unavailable !== null)('a cache volume that refuses writes', () => {
  it('read-only: downloads and removals answer CACHE_NOT_WRITABLE, fetch nothing and change nothing', async () => {
    const volume = await mountTmpfs(4 * 1024 * 1024);
    const gateway = await startGateway(replica.url, { CACHE_DIR: volume.cacheDir });
    expect(
      (await gateway.execute(DownloadNeuronDocument, { id: 604, mode: 'STANDARD' })).errors,
    ).toBeUndefined();
    await volume.readOnly();
    const before = await snapshot(volume.mountPoint);
    replica.clearLog();

    for (const variables of [
      { id: 37 }, // a new folder
      { id: 604, mode: 'ORIGINAL' as const }, // a folder that is there
      { id: 604, overwrite: true },
    ]) {
      const { data, errors } = await gateway.execute(DownloadNeuronDocument, variables);
      expect(data?.downloadNeuron ?? null, JSON.stringify(variables)).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'CACHE_NOT_WRITABLE', errno: 'EROFS' });
    }
    expect(fileRequests()).toBe(0);

    const removed = await gateway.execute(RemoveCachedNeuronDocument, { id: 604 });
    expect(removed.errors?.[0]?.extensions?.code).toBe('CACHE_NOT_WRITABLE');
    const cleared = await gateway.execute(ClearCacheDocument);
    expect(cleared.errors?.[0]?.extensions?.code).toBe('CACHE_NOT_WRITABLE');
    expect(await snapshot(volume.mountPoint)).toEqual(before);
  });

  it('full in the middle of a file: DISK_FULL, fetched once (not again), nothing left', async () => {
    const volume = await mountTmpfs(1024 * 1024);
    const gateway = await startGateway(replica.url, { CACHE_DIR: volume.cacheDir });
    const before = await snapshot(volume.mountPoint);
    replica.clearLog();

    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 1, mode: 'STANDARD' });

    expect(data?.downloadNeuron ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'DISK_FULL', errno: 'ENOSPC' });
    expect(errors?.[0]?.message).toMatch(/cache volume is full/);
    // A full disk fails every attempt the same way: the 3 MB file was asked for once only.
    expect(replica.count({ pathPrefix: '/dableFiles/wearne_hof/CNG%20version/cnic_001' })).toBe(1);
    expect(await snapshot(volume.mountPoint)).toEqual(before);
    expect(await volume.freeBytes()).toBe(1024 * 1024);
  });

  it('full at the metadata step: DISK_FULL, and the data files staged before it are gone too', async () => {
    const volume = await mountTmpfs(1024 * 1024);
    const gateway = await startGateway(replica.url, { CACHE_DIR: volume.cacheDir });
    const swc = await fetch(`${replica.url}/dableFiles/Wearne_Hof/CNG%20version/cnic_014.CNG.swc`);
    const swcBytes = (await swc.arrayBuffer()).byteLength;
    // Room for the data file's pages exactly: it stages, metadata.json (a page at least) does not.
    await volume.fill(Math.ceil(swcBytes / PAGE) * PAGE);
    const before = await snapshot(volume.mountPoint);
    replica.clearLog();

    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 38, mode: 'STANDARD' });

    expect(data?.downloadNeuron ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'DISK_FULL' });
    expect(fileRequests()).toBe(1);
    expect(await snapshot(volume.mountPoint)).toEqual(before);
  });

  it('full before anything: DISK_FULL, and the folder it had to create is gone', async () => {
    const volume = await mountTmpfs(256 * 1024);
    const gateway = await startGateway(replica.url, { CACHE_DIR: volume.cacheDir });
    await volume.fill(0);
    const before = await snapshot(volume.mountPoint);

    const { errors } = await gateway.execute(DownloadNeuronDocument, { id: 39 });

    expect(errors?.[0]?.extensions).toMatchObject({ code: 'DISK_FULL' });
    expect(await snapshot(volume.mountPoint)).toEqual(before);
  });
});

import { readdir } from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { DownloadNeuronDocument } from '../../generated/graphql.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const MiB = 1024 * 1024;
const replica = await startReplica({ size: 50, largeFiles: { 1: 2 * MiB } });
const fileRequests = () => replica.count({ pathPrefix: '/dableFiles' });

/** Every file and folder left under the cache root: a refused download must leave none. */
async function leftOnDisk(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true })).map(String).sort();
}

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

describe('DOWNLOAD_MAX_BYTES', async () => {
  const cacheDir = await tempDir();
  const gateway = await startGateway(replica.url, {
    CACHE_DIR: cacheDir,
    DOWNLOAD_MAX_BYTES: String(MiB),
    UPSTREAM_RETRIES: '3',
  });

  it('a file announced over the limit is refused with UPSTREAM_TOO_LARGE before its body, never retried', async () => {
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 1, mode: 'STANDARD' });
    expect(data?.downloadNeuron ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_TOO_LARGE',
      limitBytes: MiB,
      kind: 'standard',
      filename: 'cnic_001.CNG.swc',
    });
    expect(fileRequests()).toBe(1);
    expect(await leftOnDisk(cacheDir)).toEqual([]);
  });

  it('a file of unannounced size is cut off once past the limit and its temporary file removed', async () => {
    replica.faults.add({ route: '/dableFiles', chunked: true });
    const { errors } = await gateway.execute(DownloadNeuronDocument, { id: 1, mode: 'STANDARD' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TOO_LARGE', limitBytes: MiB });
    expect(fileRequests()).toBe(1);
    expect(await leftOnDisk(cacheDir)).toEqual([]);
  });

  it('files under the limit download as usual, announced or not', async () => {
    replica.faults.add({ route: '/dableFiles', chunked: true, times: 1 });
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 37, mode: 'BOTH' });
    expect(errors).toBeUndefined();
    const items = data?.downloadNeuron?.items ?? [];
    expect(items).toHaveLength(2);
    expect(items.every((item) => item.downloadedNow && (item.bytes ?? 0) > 0)).toBe(true);
    expect(replica.faults.list()).toEqual([]);
  });
});

describe('DOWNLOAD_FILE_TIMEOUT_MS', async () => {
  const cacheDir = await tempDir();
  const gateway = await startGateway(replica.url, {
    CACHE_DIR: cacheDir,
    DOWNLOAD_FILE_TIMEOUT_MS: '1500',
    UPSTREAM_RETRIES: '3',
  });

  it('a file trickling in (never idle long enough for the body timeout) fails with UPSTREAM_TIMEOUT', async () => {
    replica.faults.add({ route: '/dableFiles', trickleMs: 100 });
    const { data, errors } = await gateway.execute(DownloadNeuronDocument, { id: 38, mode: 'STANDARD' });
    expect(data?.downloadNeuron ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
      timeoutMs: 1500,
      kind: 'standard',
    });
    expect(fileRequests()).toBe(1);
    expect(await leftOnDisk(cacheDir)).toEqual([]);
  });
});

describe('downloads never hold every upstream slot', async () => {
  const cacheDir = await tempDir();
  const gateway = await startGateway(replica.url, {
    CACHE_DIR: cacheDir,
    UPSTREAM_MAX_CONCURRENCY: '4',
    DOWNLOAD_CONCURRENCY: '4',
    DOWNLOAD_FILE_TIMEOUT_MS: '4000',
  });

  it('while four trickling files attack, another client is still answered', async () => {
    replica.faults.add({ route: '/dableFiles', trickleMs: 200 });
    let settled = false;
    const attack = Promise.all(
      [39, 40, 41, 42].map((id) => gateway.execute(DownloadNeuronDocument, { id, mode: 'STANDARD' })),
    ).finally(() => {
      settled = true;
    });
    // Three of the four files stream (holding three of the four slots); the fourth waits for a file slot.
    for (let i = 0; i < 100 && fileRequests() < 3; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fileRequests()).toBe(3);

    const started = performance.now();
    const other = await gateway.execute('{ neuron(id: 604) { name measurement { nStems } } }');
    const answeredInMs = performance.now() - started;
    console.log(
      `another client answered in ${answeredInMs.toFixed(0)} ms while 3 trickling files held slots`,
    );
    expect(other.errors).toBeUndefined();
    expect(other.data).toMatchObject({ neuron: { name: 'v_e_moto1' } });
    expect(settled).toBe(false);
    expect(answeredInMs).toBeLessThan(5000);

    const results = await attack;
    for (const result of results) expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    expect(fileRequests()).toBe(4);
    expect(await leftOnDisk(cacheDir)).toEqual([]);
  });
});

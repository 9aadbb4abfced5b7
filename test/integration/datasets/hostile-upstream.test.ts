/**
 * A dataset job against a NeuroMorpho that misbehaves on some files: one sends a body of unannounced size
 * far past DOWNLOAD_MAX_BYTES, one trickles in forever. Those neurons fail with their codes, the others
 * are downloaded, the job finishes, nothing partial stays on disk, and other clients are answered while
 * the job runs.
 */
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isTempName } from '../../../src/disk/temp-files.js';
import { startGateway, type TestGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { allItems, createOrThrow, getDataset, waitForDataset } from './support.js';

const MiB = 1024 * 1024;
const ENDLESS = 1; // a 50 MiB body of unannounced size against a 1 MiB limit
const TRICKLING = 38; // a byte now and then, never idle long enough for a body timeout
const WELL_BEHAVED = [37, 604, 39];

const replica = await startReplica({ size: 700 });

async function standardFilePath(gateway: TestGateway, id: number): Promise<string> {
  const { data } = await gateway.execute<{ neuron: { urls: { standardSwc: string } } }, never>(
    `{ neuron(id: ${id}) { urls { standardSwc } } }`,
  );
  const url = data?.neuron.urls.standardSwc;
  if (!url) throw new Error(`neuron ${id} has no standard file`);
  return new URL(url).pathname;
}

describe('a dataset job while NeuroMorpho misbehaves on some files', () => {
  it('fails those neurons with their codes, finishes the rest, keeps nothing partial, answers others', async () => {
    const cacheDir = await tempDir();
    const gateway = await startGateway(replica.url, {
      CACHE_DIR: cacheDir,
      DOWNLOAD_MAX_BYTES: String(MiB),
      DOWNLOAD_FILE_TIMEOUT_MS: '2000',
      DOWNLOAD_CONCURRENCY: '2',
      UPSTREAM_MAX_CONCURRENCY: '4',
    });
    replica.faults.add({
      route: await standardFilePath(gateway, ENDLESS),
      padBytes: 50 * MiB,
      chunked: true,
    });
    replica.faults.add({ route: await standardFilePath(gateway, TRICKLING), trickleMs: 100 });

    const created = await createOrThrow(gateway, {
      ids: [ENDLESS, TRICKLING, ...WELL_BEHAVED],
      limit: 5,
      mode: 'STANDARD',
    });
    // While the job runs (the trickling file holds its slot for the whole timeout), another client.
    const started = performance.now();
    const other = await gateway.execute('{ neuron(id: 100) { name measurement { nStems } } }');
    const answeredInMs = performance.now() - started;
    expect(other.errors).toBeUndefined();
    expect(answeredInMs).toBeLessThan(5000);
    expect((await getDataset(gateway, created.id))?.finishedAt).toBeNull();

    const finished = await waitForDataset(gateway, created.id, undefined, 60_000);
    expect(finished).toMatchObject({ status: 'DONE', total: 5, done: 3, failed: 2 });
    const items = await allItems(gateway, created.id);
    const codeOf = (id: number) => items.find((item) => item.neuronId === id)?.error?.code;
    expect(codeOf(ENDLESS)).toBe('UPSTREAM_TOO_LARGE');
    expect(codeOf(TRICKLING)).toBe('UPSTREAM_TIMEOUT');
    for (const id of WELL_BEHAVED)
      expect(items.find((item) => item.neuronId === id)?.status, `neuron ${id}`).toBe('DONE');

    const entries = await readdir(cacheDir, { recursive: true, withFileTypes: true });
    expect(entries.filter((entry) => isTempName(entry.name)).map((entry) => entry.name)).toEqual([]);
    const neuronFolders = entries
      .filter((entry) => entry.isDirectory() && entry.parentPath === cacheDir && /^\d+$/.test(entry.name))
      .map((entry) => Number(entry.name))
      .sort((a, b) => a - b);
    expect(neuronFolders).toEqual([...WELL_BEHAVED].sort((a, b) => a - b));
  }, 90_000);
});

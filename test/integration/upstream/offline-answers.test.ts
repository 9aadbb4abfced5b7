import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOfflineCopies } from '../../../src/disk/offline-copies.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';
import { type GraphQLResponse, startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

/** Neurons downloaded before NeuroMorpho goes down; NOT_DOWNLOADED never is. */
const DOWNLOADED = [37, 604];
const NOT_DOWNLOADED = 5;

const replica = await startReplica({ size: 700 });
const cacheDir = await tempDir();
// No response cache at all: whatever answers while NeuroMorpho is down comes from the disk.
const gateway = await startGateway(replica.url, {
  CACHE_DIR: cacheDir,
  CACHE_STORE: 'off',
  UPSTREAM_RETRIES: '1',
});

interface NeuronView {
  neuronId: number;
  name: string;
  measurement: { length: number | null; nStems: number | null } | null;
  cacheStatus: { exists: boolean };
}
type Answer<T> = GraphQLResponse<T> & { extensions?: { stale?: boolean } };

const NEURON_FIELDS = 'neuronId name measurement { length nStems } cacheStatus { exists }';

async function neurons(ids: readonly number[]): Promise<Answer<Record<string, NeuronView | null>>> {
  const fields = ids.map((id) => `n${id}: neuron(id: ${id}) { ${NEURON_FIELDS} }`).join(' ');
  const response = await gateway.post({ query: `{ ${fields} }` });
  return (await response.json()) as Answer<Record<string, NeuronView | null>>;
}

const online = await (async () => {
  const downloads = DOWNLOADED.map((id) => `d${id}: downloadNeuron(id: ${id}, mode: STANDARD) { folder }`);
  const downloaded = await gateway.execute(`mutation { ${downloads.join(' ')} }`);
  if (downloaded.errors) throw new Error(`downloads failed: ${JSON.stringify(downloaded.errors)}`);
  const answer = await neurons([...DOWNLOADED, NOT_DOWNLOADED]);
  if (answer.errors || answer.extensions?.stale) throw new Error('the online answer is not a clean one');
  return answer.data as Record<string, NeuronView>;
})();

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

describe('offline answers from downloaded neurons', () => {
  it('with NeuroMorpho answering 503, downloaded neurons answer from disk, marked stale', async () => {
    replica.faults.add({ route: '/api', status: 503 });
    const answer = await neurons(DOWNLOADED);
    expect(answer.errors).toBeUndefined();
    expect(answer.extensions?.stale).toBe(true);
    for (const id of DOWNLOADED) {
      const neuron = answer.data?.[`n${id}`];
      expect(neuron).toEqual(online[`n${id}`]);
      expect(neuron?.measurement?.length).toEqual(expect.any(Number));
      expect(neuron?.cacheStatus.exists).toBe(true);
    }
    // NeuroMorpho was asked first: the disk stands in only for a failed answer.
    expect(replica.count({ pathPrefix: '/api' })).toBeGreaterThan(0);
  });

  it('with NeuroMorpho unreachable (connections reset), downloaded neurons still answer', async () => {
    replica.faults.add({ route: '/api', reset: true });
    const answer = await neurons([37]);
    expect(answer.errors).toBeUndefined();
    expect(answer.extensions?.stale).toBe(true);
    expect(answer.data?.n37).toEqual(online.n37);
  });

  it('a neuron that is not on disk fails with the usual upstream error, next to one answered from disk', async () => {
    replica.faults.add({ route: '/api', status: 503 });
    const answer = await neurons([37, NOT_DOWNLOADED]);
    expect(answer.data?.n37).toEqual(online.n37);
    expect(answer.data?.[`n${NOT_DOWNLOADED}`]).toBeNull();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]?.path).toEqual([`n${NOT_DOWNLOADED}`]);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', status: 503 });
    expect(answer.extensions?.stale).toBe(true);
  });

  it('a neuron NeuroMorpho says it does not have stays not found, even when it is on disk', async () => {
    replica.faults.add({ route: '/api/neuron', status: 404 });
    const answer = await neurons([37]);
    expect(answer.data?.n37).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(answer.extensions?.stale).toBeUndefined();
  });

  it('an unknown neuron stays null while NeuroMorpho answers', async () => {
    const answer = await neurons([999_999_999]);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.n999999999).toBeNull();
    expect(answer.extensions?.stale).toBeUndefined();
  });

  it('answers while NeuroMorpho is up are NeuroMorpho answers, not marked stale', async () => {
    const answer = await neurons(DOWNLOADED);
    expect(answer.errors).toBeUndefined();
    expect(answer.extensions?.stale).toBeUndefined();
    expect(answer.data?.n37).toEqual(online.n37);
  });

  it('search is not answered from disk: it still fails', async () => {
    replica.faults.add({ route: '/api', status: 503 });
    const response = await gateway.post({
      query: '{ search(q: "neuron_id:37", size: 5) { items { neuronId } } }',
    });
    const answer = (await response.json()) as Answer<{ search: unknown }>;
    expect(answer.data?.search ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', status: 503 });
    expect(answer.extensions?.stale).toBeUndefined();
  });

  it('cachedNeurons lists the downloaded neurons while NeuroMorpho is down', async () => {
    replica.faults.add({ route: '/api', status: 503 });
    const answer = await gateway.execute<
      { cachedNeurons: Array<{ neuronId: number; exists: boolean }> },
      object
    >('{ cachedNeurons { neuronId exists metadataExists } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.cachedNeurons).toEqual(
      DOWNLOADED.map((neuronId) => ({ neuronId, exists: true, metadataExists: true })),
    );
  });

  it("the client's single reads (getNeuron, getMeasurement) fall back too, telling onStale", async () => {
    replica.faults.add({ route: '/api', status: 503 });
    let staleCalls = 0;
    const call = { onStale: () => void staleCalls++ };
    const neuron = await gateway.app.client.getNeuron(37, call);
    expect(neuron.name).toBe(online.n37?.name);
    const measurement = await gateway.app.client.getMeasurement(37, call);
    expect(measurement.length).toBe(online.n37?.measurement?.length);
    expect(staleCalls).toBe(2);
    await expect(gateway.app.client.getNeuron(NOT_DOWNLOADED, call)).rejects.toMatchObject({
      code: 'UPSTREAM_HTTP_ERROR',
      status: 503,
    });
    expect(staleCalls).toBe(2);
  });
});

describe('offline answers after a timeout', () => {
  it('a neuron NeuroMorpho is too slow for answers from disk, marked stale', async () => {
    // A second gateway on the same cache folder, with a deadline the replica's delay outlasts.
    const slow = await startGateway(replica.url, {
      CACHE_DIR: cacheDir,
      CACHE_STORE: 'off',
      UPSTREAM_RETRIES: '1',
      UPSTREAM_TIMEOUT_MS: '200',
    });
    replica.faults.add({ route: '/api', latencyMs: 2_000 });
    const response = await slow.post({ query: `{ neuron(id: 604) { ${NEURON_FIELDS} } }` });
    const answer = (await response.json()) as Answer<{ neuron: NeuronView | null }>;
    expect(answer.errors).toBeUndefined();
    expect(answer.extensions?.stale).toBe(true);
    expect(answer.data?.neuron).toEqual(online.n604);
  });
});

describe('which folders count as offline copies', () => {
  /** A cache root of its own, holding copies of the downloaded folders in the shapes a disk may hold. */
  async function craftedRoot(): Promise<string> {
    const root = await tempDir();
    const metadata = JSON.parse(await readFile(join(cacheDir, '37', 'metadata.json'), 'utf8'));
    await cp(join(cacheDir, '37'), join(root, '37'), { recursive: true });
    // The copy on disk differs from NeuroMorpho's, so an answer tells where it came from.
    const renamed = { ...metadata, neuron: { ...metadata.neuron, neuron_name: 'renamed on disk' } };
    await writeFile(join(root, '37', 'metadata.json'), JSON.stringify(renamed));
    // Neuron 604's folder holding 37's record: not 604's copy.
    await mkdir(join(root, '604'));
    await writeFile(join(root, '604', 'metadata.json'), JSON.stringify(metadata));
    // An interrupted download: files, no metadata.json.
    await cp(join(cacheDir, '37'), join(root, '1'), { recursive: true });
    await rm(join(root, '1', 'metadata.json'));
    // A link in place of a folder is never read through.
    await symlink(join(root, '37'), join(root, '2'));
    return root;
  }

  it('only finished folders of this site, holding their own neuron, are read', async () => {
    const root = await craftedRoot();
    const copies = await createOfflineCopies({ root, site: gateway.config.site }).read([37, 604, 1, 2, 3]);
    expect([...copies.keys()]).toEqual([37]);
    expect(copies.get(37)?.neuron.neuron_name).toBe('renamed on disk');
    expect(copies.get(37)?.measurement?.neuron_id).toBe(37);
    const elsewhere = createOfflineCopies({
      root: cacheDir,
      site: createSiteUrls('https://elsewhere.example'),
    });
    expect((await elsewhere.read(DOWNLOADED)).size).toBe(0);
    expect((await createOfflineCopies({ root: null, site: gateway.config.site }).read(DOWNLOADED)).size).toBe(
      0,
    );
  });

  it('an expired cached answer comes before the copy on disk', async () => {
    let now = Date.now();
    const root = await craftedRoot();
    const cached = await startGateway(
      replica.url,
      { CACHE_DIR: root, CACHE_STORE: 'memory', CACHE_TTL_RECORD_MS: '60000', UPSTREAM_RETRIES: '1' },
      { now: () => now },
    );
    const warm = await cached.execute<{ neuron: { name: string } }, object>('{ neuron(id: 37) { name } }');
    expect(warm.data?.neuron.name).toBe(online.n37?.name);
    now += 120_000;
    replica.faults.add({ route: '/api', status: 503 });
    const stale = await cached.execute<{ neuron: { name: string } }, object>('{ neuron(id: 37) { name } }');
    expect(stale.data?.neuron.name).toBe(online.n37?.name);
    // Never answered, so never cached: the disk's copy it is.
    const fromDisk = await cached.post({ query: '{ neuron(id: 37) { measurement { length } } }' });
    const body = (await fromDisk.json()) as Answer<{ neuron: { measurement: { length: number } } }>;
    expect(body.extensions?.stale).toBe(true);
    expect(body.data?.neuron.measurement.length).toBe(online.n37?.measurement?.length);
  });
});

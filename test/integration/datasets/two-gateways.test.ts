import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../../support/gateway.js';
import { startRedis } from '../../support/redis.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import {
  allItems,
  createOrThrow,
  DATASET_FIELDS,
  type DatasetView,
  getDataset,
  waitForDataset,
} from './support.js';

const NEURONS = 300;
const replica = await startReplica({ size: 500 });
const redis = await startRedis();
const cacheDir = await tempDir();
// One Redis, one cache folder: the deployment of several gateways behind one balancer.
const env = { CACHE_DIR: cacheDir, CACHE_STORE: redis.url, DOWNLOAD_CONCURRENCY: '2' };
const [gatewayA, gatewayB] = [await startGateway(replica.url, env), await startGateway(replica.url, env)];
const inspector = new Redis(redis.url);
afterAll(() => inspector.quit());

/**
 * Which BullMQ worker holds each running task right now: a task's lock holds the token of the worker
 * that took it (`<worker id>:<n>`), one worker per gateway.
 */
async function lockHolders(): Promise<Map<string, string>> {
  const keys = await inspector.keys('bull:nm-datasets:*:lock');
  const tokens = keys.length > 0 ? await inspector.mget(...keys) : [];
  const holders = new Map<string, string>();
  keys.forEach((key, i) => {
    const token = tokens[i];
    if (token) holders.set(key.slice('bull:nm-datasets:'.length, -':lock'.length), token.split(':')[0] ?? '');
  });
  return holders;
}

/** The snapshots datasetProgress sends over SSE, to the end of the stream. */
async function progressOver(gateway: TestGateway, id: string): Promise<DatasetView[]> {
  const response = await fetch(gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({
      query: `subscription ($id: ID!) { datasetProgress(id: $id) { ${DATASET_FIELDS} } }`,
      variables: { id },
    }),
  });
  expect(response.status).toBe(200);
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event: next'))
    .map((block) => {
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('');
      return (JSON.parse(data) as { data: { datasetProgress: DatasetView } }).data.datasetProgress;
    });
}

describe('two gateways on one Redis and one cache folder', () => {
  it('share one job: both work its chunks, either answers for it, and every file is fetched once', async () => {
    // Slow files keep each chunk running long enough for both gateways to hold chunks at once.
    replica.faults.add({ route: '/dableFiles', latencyMs: 15 });
    replica.clearLog();
    const created = await createOrThrow(gatewayA, { limit: NEURONS, mode: 'STANDARD' });
    // Watched on the gateway that did not take the request: its progress comes through Redis.
    const watched = progressOver(gatewayB, created.id);

    const chunkWorkers = new Map<string, Set<string>>();
    let finished: DatasetView | null = null;
    while (finished === null) {
      for (const [jobId, worker] of await lockHolders()) {
        if (!jobId.includes('chunk')) continue;
        chunkWorkers.set(worker, (chunkWorkers.get(worker) ?? new Set()).add(jobId));
      }
      const current = await getDataset(gatewayB, created.id);
      if (current && ['DONE', 'FAILED', 'CANCELLED'].includes(current.status)) finished = current;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    replica.faults.clear();

    expect(finished.status).toBe('DONE');
    expect(finished.done + finished.skipped + finished.failed).toBe(NEURONS);
    // Both gateways ran chunks of the one job (each runs at most two tasks at once, there are six).
    expect(chunkWorkers.size).toBe(2);
    for (const jobs of chunkWorkers.values()) expect(jobs.size).toBeGreaterThan(0);

    // Either gateway answers dataset(id) with the same finished job, items included.
    const fromA = await waitForDataset(gatewayA, created.id);
    expect(fromA).toEqual(finished);
    const items = await allItems(gatewayA, created.id);
    expect(items).toEqual(await allItems(gatewayB, created.id));
    expect(items).toHaveLength(NEURONS);

    // Standard mode: one file per neuron, each fetched exactly once by one of the two.
    const files = replica.log
      .filter((entry) => entry.path.startsWith('/dableFiles'))
      .map((entry) => entry.path);
    expect(files).toHaveLength(NEURONS);
    expect(new Set(files).size).toBe(NEURONS);

    const snapshots = await watched;
    expect(snapshots.at(-1)?.status).toBe('DONE');
    const progress = snapshots.map((snapshot) => snapshot.done + snapshot.skipped + snapshot.failed);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // More than the first and the last: the chunks run on gateway A reached B's watcher too.
    expect(new Set(progress).size).toBeGreaterThan(2);
  }, 120_000);
});

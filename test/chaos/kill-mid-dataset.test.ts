/**
 * A gateway process killed outright (SIGKILL) in the middle of a 200-neuron dataset job, then started
 * again on the same cache folder: the job must resume by itself and finish; no neuron recorded as
 * finished before the kill is fetched again, and no visible file is partial. A file cut off by the kill
 * was never complete, so it is the one thing fetched again: at most DOWNLOAD_CONCURRENCY of those.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTempName } from '../../src/disk/temp-files.js';
import type { RequestLogEntry } from '../../src/replica/types.js';
import type { DatasetView as StoredView } from '../integration/datasets/support.js';
import { freePort } from '../support/redis.js';
import { type SpawnedNode, sigkill, spawnNode } from '../support/spawn-node.js';
import { tempDir } from '../support/temp-dir.js';
import { sleep } from './support.js';

const NEURONS = 200;
const DOWNLOAD_CONCURRENCY = 4;
const cacheDir = await tempDir('nmg-chaos-dataset-');
// Each file answers after 15 ms, so the job lasts a few seconds and the kill lands inside it.
const replica = await spawnNode(
  ['src/replica/main.ts', '--size', '400', '--fault', 'route=/dableFiles,latencyMs=15'],
  {},
);

async function replicaFileRequests(): Promise<string[]> {
  const log = (await (await fetch(`${replica.url}/__replica/log`)).json()) as RequestLogEntry[];
  return log.filter((entry) => entry.path.startsWith('/dableFiles')).map((entry) => entry.path);
}

async function spawnGateway(): Promise<SpawnedNode> {
  return spawnNode(['src/main.ts'], {
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    NEUROMORPHO_URL: replica.url,
    CACHE_DIR: cacheDir,
    CACHE_STORE: 'off',
    LOG_LEVEL: 'silent',
    UPSTREAM_MAX_RPS: '100000',
    UPSTREAM_MAX_CONCURRENCY: '16',
    DOWNLOAD_CONCURRENCY: String(DOWNLOAD_CONCURRENCY),
  });
}

type DatasetView = Pick<StoredView, 'id' | 'status' | 'total' | 'done' | 'skipped' | 'failed'>;

async function graphql<T>(url: string, query: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

const FIELDS = 'id status total done skipped failed';

async function dataset(url: string, id: string): Promise<DatasetView> {
  return (await graphql<{ dataset: DatasetView }>(url, `{ dataset(id: "${id}") { ${FIELDS} } }`)).dataset;
}

async function waitFor(url: string, id: string, until: (d: DatasetView) => boolean): Promise<DatasetView> {
  for (let i = 0; i < 1200; i++) {
    const view = await dataset(url, id);
    if (until(view)) return view;
    await sleep(50);
  }
  throw new Error(`dataset ${id} never reached the awaited state`);
}

async function visibleFiles(): Promise<string[]> {
  const entries = await readdir(cacheDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !isTempName(entry.name))
    .map((entry) => relative(cacheDir, join(entry.parentPath, entry.name)))
    .filter((path) => !path.startsWith('.'));
}

describe('SIGKILL in the middle of a dataset job', () => {
  it(`resumes a ${NEURONS}-neuron job after a restart: finished neurons are not fetched again, no partial file`, async () => {
    const first = await spawnGateway();
    const created = await graphql<{ createDataset: DatasetView }>(
      first.url,
      `mutation { createDataset(input: { limit: ${NEURONS}, mode: STANDARD, name: "kill test" }) { ${FIELDS} } }`,
    );
    const id = created.createDataset.id;
    const atKill = await waitFor(first.url, id, (d) => d.done + d.skipped + d.failed >= 60);
    await sigkill(first.child);
    const finishedBeforeKill = atKill.done + atKill.skipped + atKill.failed;
    expect(finishedBeforeKill).toBeLessThan(NEURONS);
    const fetchedBeforeKill = await replicaFileRequests();

    const second = await spawnGateway();
    const final = await waitFor(second.url, id, (d) => d.status !== 'RUNNING' && d.status !== 'QUEUED');
    expect(final).toMatchObject({ status: 'DONE', total: NEURONS });
    expect(final.done + final.skipped + final.failed).toBe(NEURONS);

    const all = await replicaFileRequests();
    const counts = new Map<string, number>();
    for (const path of all) counts.set(path, (counts.get(path) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1).map(([path]) => path);
    // Only files cut off by the kill come again: each was asked for before the kill, once more after.
    expect(twice.length).toBeLessThanOrEqual(DOWNLOAD_CONCURRENCY);
    for (const path of twice) {
      expect(fetchedBeforeKill).toContain(path);
      expect(counts.get(path)).toBe(2);
    }
    console.log(
      `kill mid-dataset: killed after ${finishedBeforeKill}/${NEURONS} items, ${fetchedBeforeKill.length} file requests; ` +
        `${all.length} file requests in all, ${twice.length} fetched again (cut off by the kill)`,
    );

    // Every file the manifest names is complete: its bytes hash to the recorded sha256.
    const manifest = (await (await fetch(`${second.url}/datasets/${id}/manifest.json`)).json()) as {
      items: Array<{ status: string; standard_path: string | null; standard_sha256: string | null }>;
    };
    expect(manifest.items).toHaveLength(NEURONS);
    let checked = 0;
    for (const item of manifest.items) {
      if (item.status === 'FAILED') continue;
      expect(item.standard_path).not.toBeNull();
      const bytes = await readFile(join(cacheDir, item.standard_path as string));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(item.standard_sha256);
      checked++;
    }
    expect(checked).toBeGreaterThan(NEURONS * 0.9);
    // No visible file other than the neurons' files and their metadata.json.
    for (const path of await visibleFiles()) expect(path).toMatch(/(\.swc|metadata\.json)$/i);
  }, 120_000);
});

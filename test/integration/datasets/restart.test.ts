import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { allItems, createOrThrow, waitForDataset } from './support.js';

const replica = await startReplica({ size: 500 });

/** The neuron id a file request was for (`/dableFiles/<archive>/CNG version/<name>.CNG.swc` has only the name). */
const fileRequests = () =>
  replica.log.filter((entry) => entry.path.startsWith('/dableFiles')).map((entry) => entry.path);

describe('a gateway restarted in the middle of a job', () => {
  it('resumes it on the same cache root and fetches nothing again that was finished', async () => {
    const cacheDir = await tempDir();
    const env = { CACHE_DIR: cacheDir, DOWNLOAD_CONCURRENCY: '2', SHUTDOWN_GRACE_MS: '2000' };
    replica.faults.add({ route: '/dableFiles', latencyMs: 20 });
    const first = await startGateway(replica.url, env);
    replica.clearLog();
    const created = await createOrThrow(first, { limit: 150, mode: 'STANDARD' });
    const midway = await waitForDataset(first, created.id, (dataset) => dataset.done + dataset.failed >= 20);
    expect(midway.status).toBe('RUNNING');
    await first.app.close();
    const beforeRestart = fileRequests();
    replica.faults.clear();

    const second = await startGateway(replica.url, env);
    const finishedBefore = (await allItems(second, created.id)).filter((item) => item.status !== 'PENDING');
    expect(finishedBefore.length).toBeGreaterThanOrEqual(20);
    expect(finishedBefore.length).toBeLessThan(150);
    replica.clearLog();

    const finished = await waitForDataset(second, created.id);
    expect(finished.status).toBe('DONE');
    expect(finished.done + finished.skipped + finished.failed).toBe(150);
    const afterRestart = fileRequests();
    // What was recorded finished is never asked for again; the rest exactly once each.
    const items = await allItems(second, created.id);
    const finishedPaths = new Set(finishedBefore.flatMap((item) => item.files.map((file) => file.filename)));
    for (const path of afterRestart)
      expect(finishedPaths.has(decodeURIComponent(path.split('/').at(-1) ?? ''))).toBe(false);
    expect(new Set(afterRestart).size).toBe(afterRestart.length);
    expect(beforeRestart.length + afterRestart.length).toBeLessThanOrEqual(150 + 2);
    expect(items.every((item) => item.status !== 'PENDING')).toBe(true);
    // No API request after the restart: the plan was stored.
    expect(replica.log.filter((entry) => entry.path.startsWith('/api/'))).toEqual([]);
  });
});

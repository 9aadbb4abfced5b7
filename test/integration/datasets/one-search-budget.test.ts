import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { allItems, createOrThrow, waitForDataset } from './support.js';

const replica = await startReplica({ size: 1500 });
const cacheDir = await tempDir();
const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir, DOWNLOAD_CONCURRENCY: '16' });

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('a dataset of 1,000 neurons from one search', () => {
  it('costs 2 search pages and 2 measurement batches, then one request per file, and ends DONE with matching hashes', async () => {
    replica.clearLog();
    const created = await createOrThrow(gateway, { limit: 1000, mode: 'STANDARD' });
    expect(created.status).toBe('QUEUED');
    expect(created.total).toBe(1000);

    const finished = await waitForDataset(gateway, created.id, undefined, 120_000);
    expect(finished.status).toBe('DONE');
    expect(finished.total).toBe(1000);
    expect(finished.done + finished.skipped + finished.failed).toBe(1000);
    expect(finished.finishedAt).not.toBeNull();

    const apiRequests = replica.log.filter((entry) => entry.path.startsWith('/api/'));
    expect(apiRequests.map((entry) => entry.path).sort()).toEqual([
      '/api/morphometry/select',
      '/api/morphometry/select',
      '/api/neuron',
      '/api/neuron',
    ]);
    const items = await allItems(gateway, created.id);
    expect(items.map((item) => item.neuronId)).toEqual(
      [...items.map((item) => item.neuronId)].sort((a, b) => a - b),
    );
    expect(new Set(items.map((item) => item.neuronId)).size).toBe(1000);
    // Standard mode: one file per neuron, fetched once (a 404 is not retried).
    expect(replica.count({ pathPrefix: '/dableFiles' })).toBe(1000);

    let bytes = 0;
    for (const item of items.filter((each) => each.status === 'DONE')) {
      expect(item.files).toHaveLength(1);
      for (const file of item.files) {
        const onDisk = await readFile(join(cacheDir, file.relativePath));
        expect(file.sha256).toBe(sha256(onDisk));
        expect(file.bytes).toBe(onDisk.length);
        bytes += onDisk.length;
      }
    }
    expect(finished.bytes).toBe(bytes);
    const missing = new Set(replica.population.missingFileIds);
    for (const item of items) expect(item.status).toBe(missing.has(item.neuronId) ? 'FAILED' : 'DONE');
  }, 180_000);
});

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 50, largeFiles: { 37: 400 * 1024 * 1024 } });
const download = (id: number) => ({
  query: `mutation { downloadNeuron(id: ${id}, mode: STANDARD) { items { bytes } } }`,
});

async function waitFor(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('graceful shutdown', () => {
  it('lets a running download finish within the grace period, then closes', async () => {
    const cacheDir = await tempDir();
    const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir, SHUTDOWN_GRACE_MS: '10000' });
    replica.faults.add({ route: '/dableFiles', latencyMs: 300 });
    replica.clearLog();
    const pending = gateway.post(download(1)).then((response) => response.json());
    await waitFor(() => replica.count({ pathPrefix: '/dableFiles' }) === 1);
    await gateway.close();
    expect(await pending).toMatchObject({
      data: { downloadNeuron: { items: [{ bytes: expect.any(Number) }] } },
    });
    expect((await filesUnder(cacheDir)).map((path) => path.slice(cacheDir.length))).toEqual([
      '/1/cnic_001.CNG.swc',
      '/1/metadata.json',
    ]);
    await expect(fetch(`${gateway.url}/healthz`)).rejects.toThrow();
    replica.faults.clear();
  });

  it('aborts a download still running at the deadline without leaving a partial file', async () => {
    const cacheDir = await tempDir();
    const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir, SHUTDOWN_GRACE_MS: '100' });
    replica.clearLog();
    const pending = gateway.post(download(37)).then(
      (response) => response.status,
      () => 'connection closed',
    );
    await waitFor(() => replica.count({ pathPrefix: '/dableFiles' }) === 1);
    await gateway.close();
    await pending;
    expect(await filesUnder(cacheDir)).toEqual([]);
  }, 30_000);
});

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDownloader } from '../../../src/disk/downloader.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';
import { createNeuroMorphoClient } from '../../../src/upstream/client.js';
import { createUpstreamDispatcher } from '../../../src/upstream/dispatcher.js';
import { createUpstreamHttp } from '../../../src/upstream/http.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const LARGE = 100 * 1024 * 1024;
const replica = await startReplica({ size: 20, largeFiles: { 1: LARGE } });

describe('large downloads', () => {
  it('stream a 100 MB file to disk with a bounded number of bytes buffered in memory', async () => {
    const site = createSiteUrls(replica.url);
    const http = createUpstreamHttp({
      dispatcher: createUpstreamDispatcher({
        connectTimeoutMs: 5000,
        timeoutMs: 30_000,
        keepAliveTimeoutMs: 1000,
        connectionsPerOrigin: 2,
      }),
      retry: { attempts: 2, baseMs: 10, capMs: 100, jitter: false },
      timeoutMs: 30_000,
      userAgent: 'test',
    });
    const neuron = await createNeuroMorphoClient({ site, http }).getNeuron(1);
    let maxBuffered = 0;
    const root = await tempDir();
    const downloader = createDownloader({
      root,
      site,
      http,
      fileAttempts: 1,
      concurrency: 1,
      onBuffered: (bytes) => {
        maxBuffered = Math.max(maxBuffered, bytes);
      },
    });
    const result = await downloader.download({
      neuron,
      mode: 'standard',
      overwrite: false,
      dryRun: false,
      loadMeasurement: async () => null,
    });
    expect(result.items[0]?.bytes).toBe(LARGE);
    expect((await stat(join(root, '1', 'cnic_001.CNG.swc'))).size).toBe(LARGE);
    // Backpressure keeps what waits for the disk to a few stream buffers, whatever the file size.
    expect(maxBuffered).toBeGreaterThan(0);
    expect(maxBuffered).toBeLessThan(4 * 1024 * 1024);
  }, 120_000);
});

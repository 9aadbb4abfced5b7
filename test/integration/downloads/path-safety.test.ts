import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDownloader } from '../../../src/disk/downloader.js';
import { toNeuron } from '../../../src/neuromorpho/neuron.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';
import { createUpstreamDispatcher } from '../../../src/upstream/dispatcher.js';
import { createUpstreamHttp } from '../../../src/upstream/http.js';
import { tempDir } from '../../support/temp-dir.js';

// A hostile upstream: real HTTP that answers every file path with bytes, so that only the gateway's
// own path handling stands between hostile names and the disk. (The replica serves real data only.)
const hostile = createServer((_request, response) => {
  response.writeHead(200, { 'content-length': '5' }).end('hello');
});
await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => hostile.close(() => resolve())));
const site = createSiteUrls(`http://127.0.0.1:${(hostile.address() as AddressInfo).port}`);

const root = await tempDir();
const downloader = createDownloader({
  root,
  site,
  http: createUpstreamHttp({
    dispatcher: createUpstreamDispatcher({
      connectTimeoutMs: 1000,
      timeoutMs: 1000,
      keepAliveTimeoutMs: 1000,
      connectionsPerOrigin: 2,
    }),
    retry: { attempts: 1, baseMs: 0, capMs: 0, jitter: false },
    timeoutMs: 1000,
    userAgent: 'test',
  }),
  fileAttempts: 1,
  concurrency: 2,
});

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('names from upstream data never leave the cache root', () => {
  it.each([
    ['parent traversal', '../../etc/passwd', 'Neurolucida.asc'],
    ['an absolute path', '/etc/passwd', 'Neurolucida.asc'],
    ['a NUL byte', 'evil\0name', 'Neurolucida.asc'],
    ['a very long name', 'n'.repeat(5000), 'Neurolucida.asc'],
    ['dots only', '....', 'Neurolucida.asc'],
    ['a traversal in the format', 'plain', 'Neurolucida./../../../x'],
    ['backslashes', '..\\..\\windows', 'Custom.xml'],
  ])('%s', async (_what, name, originalFormat) => {
    const neuron = toNeuron({
      neuron_id: 1000 + name.length,
      neuron_name: name,
      archive: '../../archive',
      original_format: originalFormat,
    });
    const result = await downloader.download({
      neuron,
      mode: 'both',
      overwrite: true,
      dryRun: false,
      loadMeasurement: async () => null,
    });
    for (const item of result.items) {
      expect(relative(root, item.path).startsWith('..')).toBe(false);
      expect(item.filename.length).toBeLessThanOrEqual(255);
      expect(item.filename).not.toMatch(/[/\\\0]/);
    }
    for (const path of await allFiles(root)) expect(relative(root, path).startsWith('..')).toBe(false);
  });
});

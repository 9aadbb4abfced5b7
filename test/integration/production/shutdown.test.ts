import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  it('exits within 1 s of its last answer, while a keep-alive client stays connected', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        NEUROMORPHO_URL: replica.url,
        CACHE_DIR: 'off',
        CACHE_STORE: 'off',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<{ at: number; code: number | null }>((resolve) =>
      child.once('exit', (code) => resolve({ at: performance.now(), code })),
    );
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += String(chunk);
        const match = /listening on (\S+)\/graphql/.exec(output);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', () => reject(new Error(`the gateway exited before listening: ${output}`)));
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    const query = (text: string) =>
      new Promise<{ at: number; body: string }>((resolve, reject) => {
        const request = httpRequest(
          `${url}/graphql`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => {
              body += String(chunk);
            });
            response.on('end', () => resolve({ at: performance.now(), body }));
          },
        );
        request.on('error', reject);
        request.end(JSON.stringify({ query: text }));
      });
    // Two keep-alive connections: one left idle, one busy with a slow answer when SIGTERM arrives.
    await Promise.all([query('{ __typename }'), query('{ __typename }')]);
    replica.faults.add({ route: '/api', latencyMs: 500 });
    replica.clearLog();
    const slow = query('{ neuron(id: 1) { name } }');
    await waitFor(() => replica.count({ pathPrefix: '/api' }) >= 1);
    child.kill('SIGTERM');
    const last = await slow;
    expect(JSON.parse(last.body)).toEqual({ data: { neuron: { name: 'cnic_001' } } });
    const exit = await exited;
    agent.destroy();
    replica.faults.clear();
    console.log(`exited ${Math.round(exit.at - last.at)} ms after its last answer`);
    expect(exit.code).toBe(0);
    expect(exit.at - last.at).toBeLessThan(1000);
  }, 30_000);
});

/**
 * A gateway process killed outright (SIGKILL: no shutdown hook runs) in the middle of streaming a large
 * file. Downloads stage into hidden temporary files and rename into place only when complete, so the
 * cache must show nothing but temporary files after the kill; the next start must clear them and a new
 * download must complete.
 *
 * The replica runs in its own process too: streaming a file to a fast reader, its write loop continues
 * from one completed write to the next without yielding to timers, which would starve this file's polling
 * for the whole transfer (seen while writing this suite: the 200 MB arrived between two 10 ms polls).
 */
import { readdir, stat, utimes } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTempName, STALE_TEMP_AFTER_MS } from '../../src/disk/temp-files.js';
import type { RequestLogEntry } from '../../src/replica/types.js';
import { freePort } from '../support/redis.js';
import { type SpawnedNode, sigkill, spawnNode } from '../support/spawn-node.js';
import { tempDir } from '../support/temp-dir.js';
import { FULL, parseJson, size, sleep } from './support.js';

const LARGE = 200 * 1024 * 1024;
/**
 * How far the temporary file has grown when the process is killed, one kill per entry. The short run
 * kills as soon as the first bytes are on disk; the full run also kills well into the stream.
 */
const KILL_AFTER_BYTES = size([1], [1, 16 * 1024 * 1024, 64 * 1024 * 1024]);

const cacheDir = await tempDir('nmg-chaos-kill-');
const neuronDir = join(cacheDir, '1');

const replica = await spawnNode(['src/replica/main.ts', '--size', '20', '--large-file', `1=${LARGE}`], {});

async function replicaLog(): Promise<RequestLogEntry[]> {
  return (await (await fetch(`${replica.url}/__replica/log`)).json()) as RequestLogEntry[];
}

/** The gateway in its own Node process, started as `npm start` does (from source). */
async function spawnGateway(): Promise<SpawnedNode> {
  const port = await freePort();
  return spawnNode(['src/main.ts'], {
    HOST: '127.0.0.1',
    PORT: String(port),
    NEUROMORPHO_URL: replica.url,
    CACHE_DIR: cacheDir,
    CACHE_STORE: 'off',
    LOG_LEVEL: 'silent',
    UPSTREAM_MAX_RPS: '100000',
  });
}

/** Every regular file under the cache root, relative to it. */
async function filesInCache(): Promise<string[]> {
  const entries = await readdir(cacheDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(cacheDir, join(entry.parentPath, entry.name)))
    .sort();
}

async function tempFiles(): Promise<string[]> {
  const names = await readdir(neuronDir).catch(() => []);
  return names.filter(isTempName).map((name) => join(neuronDir, name));
}

/** Polls (bounded) until the download's temporary file holds at least `bytes`; returns its path. */
async function waitForTempFile(bytes: number): Promise<string> {
  for (let i = 0; i < 3000; i++) {
    for (const path of await tempFiles()) {
      const info = await stat(path).catch(() => null);
      if (info !== null && info.size >= bytes) return path;
    }
    await sleep(10);
  }
  throw new Error(`no temporary file of ${bytes} bytes appeared in ${neuronDir}`);
}

function download(url: string, mode: 'STANDARD' | 'ORIGINAL') {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation { downloadNeuron(id: 1, mode: ${mode}) {
        items { url filename downloadedNow bytes reason } } }`,
    }),
  });
}

describe('SIGKILL in the middle of a 200 MB download', () => {
  it(
    `leaves only hidden temporary files, which the next start removes; then a download completes (${KILL_AFTER_BYTES.length} kill${FULL ? 's' : ''})`,
    async () => {
      for (const killAfter of KILL_AFTER_BYTES) {
        const gateway = await spawnGateway();
        // Temp files aged by an earlier round are gone before the gateway listens.
        expect(await tempFiles()).toEqual([]);
        await fetch(`${replica.url}/__replica/log`, { method: 'DELETE' });
        // The answer never comes: the process dies with the request open.
        const pending = download(gateway.url, 'STANDARD').then(
          (response) => `answered ${response.status}`,
          () => 'connection lost',
        );
        const temp = await waitForTempFile(killAfter);
        // Killed at once: the replica, busy streaming, would answer its log only once the file is sent.
        await sigkill(gateway.child);
        expect(await pending).toBe('connection lost');
        expect((await replicaLog()).some((entry) => entry.path.startsWith('/dableFiles'))).toBe(true);

        // Nothing visible: no partial cnic_001.CNG.swc, no metadata.json, only the hidden temporary file.
        const left = await filesInCache();
        expect(left.length).toBeGreaterThan(0);
        for (const name of left) {
          expect(name, `visible file after the kill: ${name}`).toMatch(/^1\/\..*\.nmg-part$/);
        }
        const partial = await stat(temp);
        expect(partial.size).toBeGreaterThanOrEqual(killAfter);
        expect(partial.size).toBeLessThan(LARGE);
        console.log(
          `kill mid-download: SIGKILL with ${partial.size} of ${LARGE} bytes staged; left: ${left}`,
        );

        // The gateway removes only temporary files untouched for STALE_TEMP_AFTER_MS (on a shared cache
        // folder another gateway's running download must survive this one's start). A crash this recent
        // looks like a running download, so age the files as the clock would before the restart.
        const past = new Date(Date.now() - 2 * STALE_TEMP_AFTER_MS);
        for (const path of await tempFiles()) await utimes(path, past, past);
      }

      const restarted = await spawnGateway();
      // The start swept them: the folder holds nothing at all now.
      expect(await filesInCache()).toEqual([]);

      // A new download into the same folder completes. The short run takes the small original file; the
      // full run streams the whole 200 MB standard file again.
      const mode = FULL ? 'STANDARD' : 'ORIGINAL';
      const response = await download(restarted.url, mode);
      const body = parseJson(await response.text()) as {
        data?: {
          downloadNeuron: {
            items: Array<{ url: string; filename: string; downloadedNow: boolean; bytes: number }>;
          };
        };
        errors?: unknown[];
      };
      expect(body.errors, restarted.stderr()).toBeUndefined();
      const item = body.data?.downloadNeuron.items[0];
      expect(item?.downloadedNow).toBe(true);
      // The size NeuroMorpho (the replica) announces for the file, read from its own answer.
      const upstream = await fetch(item?.url as string);
      const contentLength = Number(upstream.headers.get('content-length'));
      await upstream.body?.cancel();
      expect(contentLength).toBeGreaterThan(0);
      if (FULL) expect(contentLength).toBe(LARGE);
      expect(item?.bytes).toBe(contentLength);
      expect((await stat(join(neuronDir, item?.filename as string))).size).toBe(contentLength);
      expect(await filesInCache()).toEqual([`1/${item?.filename}`, '1/metadata.json']);
      console.log(`kill mid-download: after the restart, ${mode} download of ${item?.bytes} bytes completed`);
    },
    size(60_000, 240_000),
  );
});

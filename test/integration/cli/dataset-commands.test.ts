import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { registerCleanup } from '../../support/cleanup.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { runCli, runCliInTerminal, withoutControlSequences } from './cli-process.js';

const replica = await startReplica({ size: 100 });
const cacheDir = await tempDir();
const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir });

interface DatasetJson {
  id: string;
  status: string;
  total: number;
  done: number;
  skipped: number;
  failed: number;
  folder: string | null;
  manifestCsvUrl: string;
  items?: Array<{ neuronId: number; status: string; files: Array<{ sha256: string | null }> }>;
}

afterEach(() => replica.faults.clear());

describe('dataset create in a terminal', () => {
  it('draws a live bar with done/total and ETA, ends DONE with the folder and the manifest, exit 0', async () => {
    const run = await runCliInTerminal([
      'dataset',
      'create',
      '--q',
      'species:mouse',
      '--limit',
      '20',
      '--mode',
      'standard',
      '--url',
      gateway.url,
    ]);
    const screen = withoutControlSequences(run.stdout);
    expect(run.code, screen).toBe(0);
    const id = /^dataset (ds_\w+): /m.exec(screen)?.[1];
    expect(id).toBeDefined();
    // The bar's first frame (from createDataset's answer) and its last one.
    expect(screen).toMatch(/^[=-]+ 0% \| 0\/20 \| ETA -- \| QUEUED/m);
    expect(screen).toMatch(/^=+ 100% \| 20\/20 \| ETA -- \| DONE \| done 20 skipped 0 failed 0/m);
    expect(screen).toMatch(/^DONE: 20 fetched, 0 already there, 0 failed\s*$/m);
    expect(screen).toContain(`folder:   ${cacheDir}`);
    expect(screen).toContain(`manifest: ${gateway.url}/datasets/${id}/manifest.csv`);
    // The live stream was used: no fallback to polling.
    expect(screen).not.toContain('polling instead');
  });
});

describe('dataset create for scripts', () => {
  it('--json prints only the final Dataset, parseable, status DONE; again: every neuron SKIPPED', async () => {
    const args = ['dataset', 'create', '--q', 'species:rat', '--limit', '15', '--mode', 'both', '--json'];
    const first = await runCli([...args, '--url', gateway.url]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    const made = JSON.parse(first.stdout) as DatasetJson;
    expect(made).toMatchObject({ status: 'DONE', done: made.total, skipped: 0, failed: 0, folder: cacheDir });
    expect(made.total).toBeGreaterThan(0);

    const again = JSON.parse((await runCli([...args, '--url', gateway.url])).stdout) as DatasetJson;
    expect(again).toMatchObject({ status: 'DONE', total: made.total, done: 0, skipped: made.total });
  });

  it('with a pipe for stdout: plain progress lines, no control sequences', async () => {
    const run = await runCli([
      'dataset',
      'create',
      '--ids',
      replica.population.ids.slice(0, 5).join(','),
      '--url',
      gateway.url,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toMatch(/^QUEUED 0\/5 \(done 0, skipped 0, failed 0\) eta --$/m);
    expect(run.stdout).toMatch(/^DONE 5\/5 /m);
    expect(run.stdout).toMatch(/^manifest: http:\/\/127\.0\.0\.1:\d+\/datasets\/ds_\w+\/manifest\.csv$/m);
  });

  it('follows by polling dataset(id) when the progress stream cannot be had', async () => {
    const proxy = await sseRefusingProxy(gateway.url);
    const run = await runCli([
      'dataset',
      'create',
      '--q',
      'species:mouse',
      '--limit',
      '3',
      '--json',
      '--url',
      proxy,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('polling instead');
    expect((JSON.parse(run.stdout) as DatasetJson).status).toBe('DONE');
  });

  it('an empty match and a limit out of bounds are the gateway errors with their codes, exit 1', async () => {
    const empty = await runCli(['dataset', 'create', '--q', 'species:unicorn', '--url', gateway.url]);
    expect([empty.code, empty.stdout]).toEqual([1, '']);
    expect(empty.stderr).toMatch(/^error: .*\(EMPTY_DATASET\)$/m);
    const tooMany = await runCli(['dataset', 'create', '--limit', '10001', '--url', gateway.url]);
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('(BAD_USER_INPUT)');
  });
});

describe('dataset list, show, cancel', () => {
  it('list and show --items find a finished dataset, with every file hashed', async () => {
    const created = await runCli([
      'dataset',
      'create',
      '--q',
      'species:mouse',
      '--limit',
      '4',
      '--json',
      '--url',
      gateway.url,
    ]);
    const { id } = JSON.parse(created.stdout) as DatasetJson;

    const listed = JSON.parse(
      (await runCli(['dataset', 'list', '--json', '--url', gateway.url])).stdout,
    ) as DatasetJson[];
    expect(listed[0]?.id).toBe(id);
    const text = await runCli(['dataset', 'list', '--url', gateway.url]);
    expect(text.stdout).toMatch(new RegExp(`^${id} +DONE +4/4 `, 'm'));

    const shown = await runCli(['dataset', 'show', id, '--items', '--json', '--url', gateway.url]);
    const dataset = JSON.parse(shown.stdout) as DatasetJson;
    expect(dataset.items?.map((item) => item.status)).toHaveLength(4);
    expect(
      dataset.items?.every(
        (item) => item.files.length > 0 && item.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256 ?? '')),
      ),
    ).toBe(true);
  });

  it('cancel stops a running dataset; a follower ends CANCELLED with exit 1', async () => {
    // Slow files, so the job is still running when it is cancelled.
    replica.faults.add({ route: '/dableFiles', latencyMs: 400 });
    const created = await runCli([
      'dataset',
      'create',
      '--q',
      'species:rat',
      '--limit',
      '40',
      '--no-wait',
      '--json',
      '--url',
      gateway.url,
      '--overwrite',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const { id } = JSON.parse(created.stdout) as DatasetJson;
    const following = runCliInTerminal(['dataset', 'show', id, '--follow', '--url', gateway.url]);

    const cancelled = await runCli(['dataset', 'cancel', id, '--url', gateway.url]);
    expect([cancelled.code, cancelled.stdout.trim()]).toEqual([0, `dataset ${id}: CANCELLED`]);
    const followed = await following;
    expect(followed.code).toBe(1);
    expect(withoutControlSequences(followed.stdout)).toMatch(/^status: +CANCELLED/m);
  });

  it('delete forgets a dataset (its files stay unless --remove-files); deleting it again exits 1', async () => {
    const created = await runCli([
      'dataset',
      'create',
      '--ids',
      String(replica.population.ids[50]),
      '--json',
      '--url',
      gateway.url,
    ]);
    const { id } = JSON.parse(created.stdout) as DatasetJson;
    const deleted = await runCli(['dataset', 'delete', id, '--json', '--url', gateway.url]);
    expect([deleted.code, JSON.parse(deleted.stdout)]).toEqual([0, { id, deleted: true }]);
    expect((await runCli(['dataset', 'show', id, '--url', gateway.url])).stderr).toContain('(NOT_FOUND)');
    const again = await runCli(['dataset', 'delete', id, '--url', gateway.url]);
    expect([again.code, again.stdout.trim()]).toEqual([1, `no dataset ${id}`]);
  });

  it('an unknown dataset is NOT_FOUND, exit 1', async () => {
    for (const command of ['show', 'cancel']) {
      const run = await runCli(['dataset', command, 'ds_0000000000000000', '--url', gateway.url]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('(NOT_FOUND)');
    }
  });
});

/** A front for the gateway that forwards everything except event streams, which it answers with a 502 page. */
async function sseRefusingProxy(target: string): Promise<string> {
  const server = createServer(async (request, response) => {
    if ((request.headers.accept ?? '').includes('text/event-stream')) {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = await fetch(new URL(request.url ?? '/', target), {
      method: request.method,
      headers: { 'content-type': 'application/json', accept: request.headers.accept ?? '*/*' },
      body: request.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    response.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
    });
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registerCleanup(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

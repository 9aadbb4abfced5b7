import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DownloadNeuronDocument } from '../../generated/graphql.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { runCli } from './cli-process.js';

const replica = await startReplica({ size: 20 });
const [firstId, secondId] = replica.population.ids as [number, number];
const cacheDir = await tempDir();
const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir });
const TOKEN = 'a-token-of-sixteen-characters-or-more';
const guarded = await startGateway(replica.url, { CACHE_DIR: await tempDir(), ADMIN_TOKEN: TOKEN });

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function download(id: number): Promise<void> {
  const answer = await gateway.execute(DownloadNeuronDocument, {
    id,
    mode: 'STANDARD' as never,
    dryRun: false,
  });
  expect(answer.errors).toBeUndefined();
}

describe('neuron show', () => {
  it('prints the neuron, its measurement, its URLs and its cache status', async () => {
    const run = await runCli(['neuron', 'show', String(firstId), '--url', gateway.url]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`neuron ${firstId}: `);
    expect(run.stdout).toMatch(/standard SWC: +https?:\/\/.*\.CNG\.swc/);
    expect(run.stdout).toMatch(/^ {2}nStems +\d+$/m);
  });

  it('--json prints the neuron as one parseable document', async () => {
    const run = await runCli(['neuron', 'show', String(firstId), '--json'], {
      NEUROMORPHO_GATEWAY_URL: gateway.url,
    });
    expect(run.code).toBe(0);
    const neuron = JSON.parse(run.stdout) as { neuronId: number; measurement: { nStems: number } | null };
    expect(neuron.neuronId).toBe(firstId);
    expect(typeof neuron.measurement?.nStems).toBe('number');
  });

  it('--no-measurement asks the gateway for no measurement (no measurement request upstream)', async () => {
    replica.clearLog();
    const run = await runCli([
      'neuron',
      'show',
      String(secondId),
      '--no-measurement',
      '--json',
      '--url',
      gateway.url,
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).not.toHaveProperty('measurement');
    expect(replica.count({ pathPrefix: '/api/morphometry' })).toBe(0);
  });

  it('an unknown neuron is an error on stderr with its code, exit 1', async () => {
    const run = await runCli(['neuron', 'show', '999999999', '--url', gateway.url]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('NOT_FOUND');
  });
});

describe('cache list, rm, clear', () => {
  it('list shows the downloaded neurons; rm removes one; clear removes the rest', async () => {
    await download(firstId);
    await download(secondId);

    const listed = await runCli(['cache', 'list', '--json', '--url', gateway.url]);
    expect(listed.code).toBe(0);
    const statuses = JSON.parse(listed.stdout) as Array<{ neuronId: number; standardExists: boolean }>;
    expect(statuses.map((status) => status.neuronId)).toEqual([firstId, secondId].sort((a, b) => a - b));
    expect(statuses.every((status) => status.standardExists)).toBe(true);

    const text = await runCli(['cache', 'list', '--url', gateway.url]);
    expect(text.stdout).toMatch(new RegExp(`^ *${firstId} +standard metadata +${cacheDir}`, 'm'));

    const removed = await runCli(['cache', 'rm', String(firstId), '--url', gateway.url]);
    expect([removed.code, removed.stdout.trim()]).toEqual([0, `removed neuron ${firstId}`]);
    expect(await exists(join(cacheDir, String(firstId)))).toBe(false);
    expect(await exists(join(cacheDir, String(secondId)))).toBe(true);

    const again = await runCli(['cache', 'rm', String(firstId), '--json', '--url', gateway.url]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toEqual({ neuronId: firstId, removed: false });

    const cleared = await runCli(['cache', 'clear', '--json', '--url', gateway.url]);
    expect([cleared.code, JSON.parse(cleared.stdout)]).toEqual([0, { removed: 1 }]);
    expect(await exists(join(cacheDir, String(secondId)))).toBe(false);

    const empty = await runCli(['cache', 'list', '--url', gateway.url]);
    expect(empty.stdout.trim()).toBe('the cache holds no neurons');
  });

  it('a write to a gateway with ADMIN_TOKEN needs --token (or ADMIN_TOKEN in the environment)', async () => {
    const refused = await runCli(['cache', 'clear', '--url', guarded.url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('UNAUTHENTICATED');

    const wrong = await runCli(['cache', 'clear', '--url', guarded.url, '--token', 'not-the-token-at-all']);
    expect(wrong.stderr).toContain('FORBIDDEN');

    const withFlag = await runCli(['cache', 'clear', '--url', guarded.url, '--token', TOKEN]);
    expect([withFlag.code, withFlag.stdout.trim()]).toEqual([0, 'removed 0 neuron folders']);
    const withEnv = await runCli(['cache', 'clear', '--url', guarded.url], { ADMIN_TOKEN: TOKEN });
    expect(withEnv.code).toBe(0);
  });
});

describe.concurrent('bad arguments and unreachable gateways', () => {
  it.each([
    [['neuron', 'show', 'abc'], 'is not a neuron id'],
    [['neuron', 'show'], "missing required argument 'id'"],
    [['cache', 'rm', '-3'], 'is not a neuron id'],
    [['cache', 'rm', '1', '--bogus'], "unknown option '--bogus'"],
    [['dataset', 'create', '--mode', 'everything'], 'is not one of standard, original, both'],
    [['dataset', 'create', '--limit', '0'], 'is not a positive integer'],
    [['dataset', 'create', '--ids', '1,,2'], 'has an empty id'],
    [['dataset', 'create', '--ids', '1,2', '--q', 'species:mouse'], 'either --ids or a search'],
    [['dataset', 'frobnicate'], "unknown command 'frobnicate'"],
  ])(
    '%j exits 2 with the problem and the usage on stderr, nothing asked of the gateway',
    async (args, problem) => {
      // A URL nobody listens on: a command that went to the gateway would fail with exit 1, not 2.
      const run = await runCli([...args, '--url', 'http://127.0.0.1:9']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(problem);
      expect(run.stderr).toContain('Usage: neuromorpho-gateway');
      expect(run.stdout).toBe('');
    },
  );

  it('--help prints the commands on stdout and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['dataset', 'neuron', 'cache'])
      expect(run.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
  });

  it('a gateway that does not answer is GATEWAY_UNREACHABLE, exit 1', async () => {
    const run = await runCli(['cache', 'list', '--url', 'http://127.0.0.1:9']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /cannot reach the gateway at http:\/\/127\.0\.0\.1:9\/graphql.*GATEWAY_UNREACHABLE/,
    );
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { NestedSearchDocument, NeuronDetailDocument } from '../../generated/graphql.js';
import { startGateway } from '../../support/gateway.js';
import { freePort, startRedis } from '../../support/redis.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 400 });
const redis = await startRedis();
const upstreamRequests = () => replica.count({ pathPrefix: '/api' });
const root = fileURLToPath(new URL('../../../', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

const children: Array<() => Promise<void>> = [];
// Registered at module level: a hook registered inside a test body would never run.
afterAll(() => Promise.all(children.map((stop) => stop())));

/** A second gateway in its own Node process, started the way `npm start` does (but from source). */
async function spawnGateway(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      CACHE_DIR: 'off',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  children.push(stop);
  return { url: `http://127.0.0.1:${port}`, stop };
}

async function query(url: string, id: number) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ neuron(id: ${id}) { name measurement { nStems } } }` }),
  });
  return (await response.json()) as { data?: { neuron: { name: string } | null }; errors?: unknown[] };
}

/** Whether a repeated query is answered from Redis again, once the client has reconnected (bounded wait). */
async function cachesAgain(url: string, id: number): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    await query(url, id);
    replica.clearLog();
    await query(url, id);
    if (upstreamRequests() === 0) return true;
    await sleep(100);
  }
  return false;
}

describe('memory store (default)', () => {
  it('a repeated nested query makes 0 upstream requests', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory' });
    const first = await gateway.execute(NestedSearchDocument, { q: 'species:rat', size: 30 });
    expect(upstreamRequests()).toBe(2);
    replica.clearLog();
    const second = await gateway.execute(NestedSearchDocument, { q: 'species:rat', size: 30 });
    expect(upstreamRequests()).toBe(0);
    expect(second.data).toEqual(first.data);
  });

  it('records from a search page answer later lookups by id without a request', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory' });
    const page = await gateway.execute(NestedSearchDocument, { q: 'species:mouse', size: 10 });
    const id = page.data?.search.items[3]?.neuronId as number;
    replica.clearLog();
    const detail = await gateway.execute(NeuronDetailDocument, { id });
    expect(detail.data?.neuron?.neuronId).toBe(id);
    expect(upstreamRequests()).toBe(0);
  });

  it('remembers "not found" briefly', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory' });
    expect((await gateway.execute(NeuronDetailDocument, { id: 999_999_999 })).data?.neuron).toBeNull();
    replica.clearLog();
    expect((await gateway.execute(NeuronDetailDocument, { id: 999_999_999 })).data?.neuron).toBeNull();
    expect(upstreamRequests()).toBe(0);
  });

  it('serves expired entries marked stale when NeuroMorpho fails, instead of failing', async () => {
    // Expired by the gateway's clock alone: the test moves it past the TTLs instead of sleeping through them.
    let now = Date.now();
    const gateway = await startGateway(
      replica.url,
      {
        CACHE_STORE: 'memory',
        CACHE_TTL_RECORD_MS: '60000',
        CACHE_TTL_SEARCH_MS: '60000',
        UPSTREAM_RETRIES: '1',
      },
      { now: () => now },
    );
    const warm = await gateway.execute(NestedSearchDocument, { q: 'species:human', size: 5 });
    expect(warm.data?.search.items).toHaveLength(5);
    now += 60_000;
    replica.faults.add({ route: '/api', status: 503 });
    const response = await gateway.post({
      query: '{ search(q: "species:human", size: 5) { items { neuronId measurement { nStems } } } }',
    });
    const body = (await response.json()) as {
      data: { search: { items: Array<{ neuronId: number; measurement: { nStems: number } | null }> } };
      errors?: unknown[];
      extensions?: { stale?: boolean };
    };
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.stale).toBe(true);
    expect(body.data.search.items.map((item) => item.neuronId)).toEqual(
      warm.data?.search.items.map((item) => item.neuronId),
    );
    expect(body.data.search.items.every((item) => item.measurement !== null)).toBe(true);
  });

  it('fresh answers are not marked stale', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory' });
    const response = await gateway.post({ query: '{ neuron(id: 1) { name } }' });
    const body = (await response.json()) as { extensions?: { stale?: boolean } };
    expect(body.extensions?.stale).toBeUndefined();
  });
});

describe('Redis store shared by several gateways', () => {
  it('after gateway A answers, gateway B (another process) answers the same query with 0 upstream requests', async () => {
    const a = await startGateway(replica.url, { CACHE_STORE: redis.url });
    const b = await spawnGateway({ CACHE_STORE: redis.url, NEUROMORPHO_URL: replica.url });
    const fromA = await query(a.url, 604);
    expect(fromA.data?.neuron?.name).toBe('v_e_moto1');
    expect(upstreamRequests()).toBe(2);
    replica.clearLog();
    const fromB = await query(b.url, 604);
    expect(fromB).toEqual(fromA);
    expect(upstreamRequests()).toBe(0);
  });

  it('keeps answering through upstream while Redis is down, and caches again once it is back', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: redis.url });
    await redis.kill();
    for (const id of [37, 37]) {
      const result = await query(gateway.url, id);
      expect(result.errors).toBeUndefined();
      expect(result.data?.neuron?.name).toBe('cnic_013');
    }
    expect(upstreamRequests()).toBe(4);
    await redis.start();
    const ready = await fetch(`${gateway.url}/healthz`);
    expect(ready.status).toBe(200);
    expect(await cachesAgain(gateway.url, 38)).toBe(true);
  });

  it('starts and serves while Redis is down, then uses it once it is up', async () => {
    await redis.kill();
    const gateway = await startGateway(replica.url, { CACHE_STORE: redis.url });
    expect((await query(gateway.url, 39)).data?.neuron?.name).toBe('cnic_015');
    await redis.start();
    expect(await cachesAgain(gateway.url, 40)).toBe(true);
  });
});

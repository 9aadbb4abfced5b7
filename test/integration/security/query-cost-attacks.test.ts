import { Agent, fetch as undiciFetch } from 'undici';
import { beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

/**
 * Queries that cost the gateway or NeuroMorpho far more than their size says: fragment bombs (work
 * exponential in the document) and upstream amplification (one HTTP request, hundreds of NeuroMorpho
 * requests). Each is refused with its own code, and another client is still answered meanwhile.
 */
const replica = await startReplica({ size: 600 });
const upstreamRequests = () => replica.count({ pathPrefix: '/api' });

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

/** Generous: a blocked event loop or a starved queue shows as tens of seconds, a healthy one as milliseconds. */
const LIVENESS_BOUND_MS = 5000;

/**
 * `levels` fragments on `type` that each spread the previous one twice (inside `wrap`, a field, when
 * given): about 40 bytes a level, reaching `leaf` 2^levels times. `salt` names them, so each document
 * is new to the gateway and no cached validation verdict is reused.
 */
function doublingFragments(levels: number, salt: string, type: string, leaf: string, wrap?: string): string {
  const name = (level: number) => `${salt}${level}`;
  const fragments = [`fragment ${name(0)} on ${type} { ${leaf} }`];
  for (let level = 1; level <= levels; level++) {
    const twice = `...${name(level - 1)} ...${name(level - 1)}`;
    fragments.push(`fragment ${name(level)} on ${type} { ${wrap ? `${wrap} { ${twice} }` : twice} }`);
  }
  return fragments.join('\n');
}

function bombQuery(levels: number, salt: string): string {
  return `query Bomb { ...${salt}${levels} }\n${doublingFragments(levels, salt, 'Query', 'neuronFields')}`;
}

/** Through introspection, the one place this schema nests without end: deep and doubling at once. */
function deepBombQuery(levels: number, salt: string): string {
  const fragments = doublingFragments(levels, salt, '__Type', 'name', 'ofType');
  return `query DeepBomb { __type(name: "Neuron") { ...${salt}${levels} } }\n${fragments}`;
}

interface Answer {
  status: number;
  codes: unknown[];
  body: unknown;
}

async function send(gateway: TestGateway, body: unknown, headers?: Record<string, string>): Promise<Answer> {
  const response = await gateway.post(body, headers);
  const json = (await response.json()) as unknown;
  const results = (Array.isArray(json) ? json : [json]) as Array<{
    errors?: Array<{ extensions?: { code?: unknown } }>;
  }>;
  return {
    status: response.status,
    codes: results.flatMap((result) => (result.errors ?? []).map((error) => error.extensions?.code)),
    body: json,
  };
}

/**
 * Another client (its own address, 127.0.0.2, so its own rate-limit and upstream-queue key) asks for
 * one neuron and `/healthz`; resolves with how long the slower of the two took.
 */
const otherClient = new Agent({ localAddress: '127.0.0.2' });
async function ordinaryClientMs(gateway: TestGateway): Promise<number> {
  const started = performance.now();
  const [graphql, health] = await Promise.all([
    undiciFetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ neuron(id: 1) { name } }' }),
      dispatcher: otherClient,
    }).then((response) => response.json()),
    undiciFetch(`${gateway.url}/healthz`, { dispatcher: otherClient }).then((response) => response.status),
  ]);
  const elapsed = performance.now() - started;
  expect(graphql).toEqual({ data: { neuron: { name: 'cnic_001' } } });
  expect(health).toBe(200);
  return elapsed;
}

describe('fragment bombs: validation, cost and breadth stay linear in the document', () => {
  it('a 1 KB bomb of 26 doubling levels is refused with TOO_MANY_FRAGMENT_SPREADS; others are answered meanwhile', async () => {
    const gateway = await startGateway(replica.url);
    const query = bombQuery(26, 'A');
    expect(query.length).toBeLessThan(1500);
    const bombs = ['A', 'B', 'C'].map((salt) => send(gateway, { query: bombQuery(26, salt) }));
    const ordinaryMs = await ordinaryClientMs(gateway);
    console.info(`fragment bombs: an ordinary client was answered in ${ordinaryMs.toFixed(0)} ms`);
    for (const bomb of await Promise.all(bombs)) {
      expect(bomb.status).toBe(400);
      expect(bomb.codes).toContain('TOO_MANY_FRAGMENT_SPREADS');
    }
    expect(ordinaryMs).toBeLessThan(LIVENESS_BOUND_MS);
    expect(upstreamRequests()).toBe(1);
  });

  it('a deep doubling bomb through introspection is refused with QUERY_TOO_DEEP without being walked per path', async () => {
    const gateway = await startGateway(replica.url);
    const bombs = ['D', 'E'].map((salt) => send(gateway, { query: deepBombQuery(26, salt) }));
    const ordinaryMs = await ordinaryClientMs(gateway);
    console.info(`deep fragment bombs: an ordinary client was answered in ${ordinaryMs.toFixed(0)} ms`);
    for (const bomb of await Promise.all(bombs)) {
      expect(bomb.codes).toContain('QUERY_TOO_DEEP');
      expect(bomb.codes).toContain('TOO_MANY_FRAGMENT_SPREADS');
    }
    expect(ordinaryMs).toBeLessThan(LIVENESS_BOUND_MS);
  });

  it('with the spread limit lifted, the same bomb reaches the cost and breadth checks, which refuse it at once', async () => {
    const gateway = await startGateway(replica.url, { MAX_FRAGMENT_SPREADS: '1000000000' });
    const bombs = ['F', 'G', 'H'].map((salt) => send(gateway, { query: bombQuery(26, salt) }));
    const ordinaryMs = await ordinaryClientMs(gateway);
    console.info(`bombs past validation: an ordinary client was answered in ${ordinaryMs.toFixed(0)} ms`);
    for (const bomb of await Promise.all(bombs)) {
      expect(bomb.codes).toEqual(
        expect.arrayContaining(['QUERY_TOO_BROAD', 'QUERY_TOO_COMPLEX', 'TOO_MANY_UPSTREAM_REQUESTS']),
      );
      expect(bomb.codes).not.toContain('TOO_MANY_FRAGMENT_SPREADS');
    }
    expect(ordinaryMs).toBeLessThan(LIVENESS_BOUND_MS);
    // Only the ordinary client's lookup reached NeuroMorpho.
    expect(upstreamRequests()).toBe(1);
  });
});

describe('upstream amplification: every NeuroMorpho request an operation may cause is paid for', () => {
  const countOnly = (count: number, from = 0) =>
    Array.from(
      { length: count },
      (_, i) => `a${i}: search(size: 1, page: ${from + i}) { totalElements }`,
    ).join(' ');

  it('search(size: 500) { totalElements } under 50 aliases is QUERY_TOO_COMPLEX, before any upstream request', async () => {
    const gateway = await startGateway(replica.url);
    const aliases = Array.from(
      { length: 50 },
      (_, i) => `a${i}: search(size: 500, page: ${i}) { totalElements }`,
    ).join(' ');
    const refused = await send(gateway, { query: `{ ${aliases} }` });
    expect(refused.codes).toEqual(['QUERY_TOO_COMPLEX']);
    expect(upstreamRequests()).toBe(0);
    const one = await send(gateway, { query: '{ search(size: 500) { totalElements } }' });
    expect(one.codes).toEqual([]);
    expect(upstreamRequests()).toBe(1);
  });

  it('a batch of 10 operations of 25 page requests each is cut at MAX_UPSTREAM_REQUESTS_PER_REQUEST (100)', async () => {
    const gateway = await startGateway(replica.url);
    const batch = Array.from({ length: 10 }, (_, op) => ({ query: `{ ${countOnly(25, op * 25)} }` }));
    const answer = await send(gateway, batch);
    const results = answer.body as Array<{
      data?: unknown;
      errors?: Array<{ extensions: { code: string; limit?: number } }>;
    }>;
    const refused = results.filter(
      (result) => result.errors?.[0]?.extensions.code === 'TOO_MANY_UPSTREAM_REQUESTS',
    );
    expect(refused).toHaveLength(6);
    for (const result of refused) expect(result.errors?.[0]?.extensions.limit).toBe(100);
    expect(results.filter((result) => result.errors === undefined)).toHaveLength(4);
    expect(upstreamRequests()).toBe(100);
  });

  it('one operation alone over the cap is refused with the same code', async () => {
    const gateway = await startGateway(replica.url, { MAX_UPSTREAM_REQUESTS_PER_REQUEST: '10' });
    const refused = await send(gateway, { query: `{ ${countOnly(11)} }` });
    expect(refused.codes).toEqual(['TOO_MANY_UPSTREAM_REQUESTS']);
    expect(upstreamRequests()).toBe(0);
    expect((await send(gateway, { query: `{ ${countOnly(10)} }` })).codes).toEqual([]);
  });

  it("one client's backlog (5 requests/s upstream) does not hold up another client's lookup", async () => {
    const gateway = await startGateway(replica.url, {
      UPSTREAM_MAX_RPS: '5',
      UPSTREAM_MAX_CONCURRENCY: '4',
      UPSTREAM_QUEUE_TIMEOUT_MS: '15000',
      SHUTDOWN_GRACE_MS: '500',
    });
    // Two batches at the cap: 100 upstream requests, 20 s of NeuroMorpho's budget if served in order.
    const attack = [0, 1].map((batch) =>
      gateway
        .post([0, 1].map((op) => ({ query: `{ ${countOnly(25, (batch * 2 + op) * 25)} }` })))
        .catch(() => undefined),
    );
    const queued = await waitFor(() => gateway.app.upstreamStats().queued >= 80);
    expect(queued).toBe(true);
    const ordinaryMs = await ordinaryClientMs(gateway);
    console.info(
      `upstream backlog of ${gateway.app.upstreamStats().queued}: another client was answered in ${ordinaryMs.toFixed(0)} ms`,
    );
    expect(ordinaryMs).toBeLessThan(LIVENESS_BOUND_MS);
    expect(gateway.app.upstreamStats().maxActive).toBeLessThanOrEqual(4);
    await gateway.close();
    await Promise.all(attack);
  }, 30_000);
});

/** Polls `condition` every 10 ms for up to 5 s. */
async function waitFor(condition: () => boolean): Promise<boolean> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}

/**
 * Hostile inputs in parallel with ordinary traffic. test/integration/production covers each hostile
 * input once, alone; here they arrive together and repeatedly, so a limit that holds only for a calm
 * server, an answer that depends on what else is running, or a crash under a burst would show.
 */
import { type IncomingMessage, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../support/gateway.js';
import { startReplica } from '../support/replica.js';
import {
  collectCrashes,
  FULL,
  parseJson,
  postGraphQL,
  runBounded,
  STACK_FRAME,
  seededRandom,
  size,
} from './support.js';

const EACH = size(20, 200);
const CONCURRENCY = size(200, 100);
const TEN_MB = 10 * 1024 * 1024;

const crashes = collectCrashes();
const replica = await startReplica({ size: 50 });
// CACHE_STORE=off (the kit's default): every ordinary query really goes upstream during the burst.
const gateway = await startGateway(replica.url, { RATE_LIMIT_RPS: '0' });

/** What a client saw: an HTTP answer (status, codes, body), or a connection that ended without one. */
interface Outcome {
  status: number | 'closed';
  /** extensions.code of each error, in order; empty for a body that is empty or not JSON. */
  codes: string[];
  body: string;
  /** Set when the connection failed after (or instead of) the answer. */
  error?: string;
}

function outcomeOf(status: number, body: string, error?: string): Outcome {
  const json = parseJson(body);
  const codes = (json?.errors ?? []).map((entry) => String(entry.extensions?.code));
  return { status, codes, body, ...(error === undefined ? {} : { error }) };
}

async function postRaw(body: string | Buffer, contentType: string): Promise<Outcome> {
  const response = await fetch(gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, accept: 'application/graphql-response+json' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return outcomeOf(response.status, await response.text());
}

const CHUNK = Buffer.alloc(64 * 1024, 0x20);

/**
 * POSTs 10 MB (spaces after an opening brace) with node:http, so an answer that arrives before the
 * upload is over can be seen: the gateway answers 413 as soon as it knows (at once from Content-Length,
 * after 1 MB when chunked) and closes the connection, so the client may then fail writing the rest. That
 * is the clean outcome; a connection that ends without any answer is not.
 */
function postTenMegabytes(declareLength: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    let answered: { status: number; body: string } | undefined;
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const req = request(gateway.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(declareLength ? { 'content-length': String(TEN_MB) } : {}),
      },
    });
    req.on('response', (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        answered = { status: res.statusCode ?? 0, body };
        settle(outcomeOf(answered.status, body));
        // The rest of the upload is pointless now; stop sending it.
        req.destroy();
      });
      res.on('error', (error) => settle(outcomeOf(res.statusCode ?? 0, body, error.message)));
    });
    req.on('error', (error) => {
      settle(
        answered
          ? outcomeOf(answered.status, answered.body, error.message)
          : { status: 'closed', codes: [], body: '', error: error.message },
      );
    });
    let sent = 0;
    const pump = () => {
      while (sent < TEN_MB && !req.destroyed) {
        const piece = sent === 0 ? Buffer.concat([Buffer.from('{'), CHUNK.subarray(1)]) : CHUNK;
        sent += piece.length;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

const deepQuery = `{ __schema { types { ${'fields { type { '.repeat(200)}name${' } }'.repeat(200)} } } }`;
const aliasQuery = `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
const hugeIds = JSON.stringify({
  query: 'query($ids: [Int!]!) { neurons(ids: $ids) { neuronId name } }',
  variables: { ids: Array.from({ length: 100_000 }, (_, i) => i + 1) },
});
const invalidUtf8 = Buffer.concat([
  Buffer.from('{"query":"{ neuron'),
  Buffer.from([0xff, 0xfe, 0xc3]),
  Buffer.from('(id: 1) { name } }"}'),
]);

interface Category {
  name: string;
  send(index: number): Promise<Outcome>;
  /** The answer every request of this category must get, whatever runs beside it. */
  status: number;
  codes: string[];
}

const HOSTILE: Category[] = [
  {
    name: '10 MB body (Content-Length)',
    send: () => postTenMegabytes(true),
    status: 413,
    codes: ['BODY_TOO_LARGE'],
  },
  {
    name: '10 MB body (chunked)',
    send: () => postTenMegabytes(false),
    status: 413,
    codes: ['BODY_TOO_LARGE'],
  },
  {
    name: 'query nested 200 deep',
    send: () => postRaw(JSON.stringify({ query: deepQuery }), 'application/json'),
    status: 400,
    // Our depth rule, then graphql-js's own introspection depth rule: both, in this order, every time.
    codes: ['QUERY_TOO_DEEP', 'GRAPHQL_VALIDATION_FAILED'],
  },
  {
    name: '10,000 aliases',
    send: () => postRaw(JSON.stringify({ query: aliasQuery }), 'application/json'),
    status: 400,
    codes: ['TOO_MANY_TOKENS'],
  },
  {
    name: '100,000 ids in the variables (~0.6 MB, under the body limit)',
    send: () => postRaw(hugeIds, 'application/json'),
    status: 200,
    codes: ['BAD_USER_INPUT'],
  },
  {
    name: 'invalid UTF-8 in the query',
    send: () => postRaw(invalidUtf8, 'application/json'),
    status: 400,
    codes: ['GRAPHQL_PARSE_FAILED'],
  },
  {
    name: 'wrong content type',
    send: (index) =>
      postRaw(
        index % 2 === 0 ? '<query>{ neuronFields }</query>' : '{ neuronFields }',
        index % 2 === 0 ? 'application/xml' : 'text/plain',
      ),
    status: 415,
    codes: ['UNSUPPORTED_MEDIA_TYPE'],
  },
];

/** Ordinary queries that touch only /api/neuron/id and /api/neuron/fields upstream. */
const NORMAL: Array<{ query: string; data: unknown }> = [
  { query: '{ neuron(id: 1) { name } }', data: { neuron: { name: 'cnic_001' } } },
  { query: '{ neuron(id: 37) { name } }', data: { neuron: { name: 'cnic_013' } } },
  {
    query: '{ neuron(id: 604) { name archive } }',
    data: { neuron: { name: 'v_e_moto1', archive: 'Burke' } },
  },
];

describe('hostile inputs under concurrency', () => {
  it(
    `${EACH} of each hostile kind in parallel with ${2 * EACH} ordinary queries: clean, stable answers`,
    async () => {
      type Task = { kind: 'hostile'; category: Category; index: number } | { kind: 'normal'; index: number };
      const tasks: Task[] = [];
      for (const category of HOSTILE) {
        for (let index = 0; index < EACH; index++) tasks.push({ kind: 'hostile', category, index });
      }
      for (let index = 0; index < 2 * EACH; index++) tasks.push({ kind: 'normal', index });
      // Interleaved in a seeded order, so every kind runs beside every other.
      const random = seededRandom(99);
      for (let i = tasks.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [tasks[i], tasks[j]] = [tasks[j] as Task, tasks[i] as Task];
      }
      replica.clearLog();

      const results = await runBounded(tasks.length, CONCURRENCY, async (i) => {
        const task = tasks[i] as Task;
        if (task.kind === 'hostile') return { task, outcome: await task.category.send(task.index) };
        const normal = NORMAL[task.index % NORMAL.length] as (typeof NORMAL)[number];
        const answer = await postGraphQL(gateway.graphqlUrl, { query: normal.query });
        return { task, outcome: outcomeOf(answer.status, answer.text), expected: normal.data };
      });

      const seen = new Map<string, Map<string, number>>();
      for (const { task, outcome } of results) {
        const name = task.kind === 'hostile' ? task.category.name : 'ordinary query';
        const key = `${outcome.status} [${outcome.codes.join(',')}]${outcome.error ? ' then connection closed' : ''}`;
        const counts = seen.get(name) ?? new Map<string, number>();
        counts.set(key, (counts.get(key) ?? 0) + 1);
        seen.set(name, counts);
      }
      console.log(
        `hostile load (${FULL ? 'full' : 'short'}), answers by kind:\n${[...seen]
          .map(([name, counts]) => `  ${name}: ${[...counts].map(([key, n]) => `${n} × ${key}`).join('; ')}`)
          .join('\n')}`,
      );

      for (const { task, outcome, ...rest } of results) {
        expect(outcome.body).not.toMatch(STACK_FRAME);
        if (task.kind === 'normal') {
          expect(outcome.status).toBe(200);
          expect(parseJson(outcome.body)).toEqual({ data: 'expected' in rest ? rest.expected : undefined });
          continue;
        }
        const { category } = task;
        // An answer, never a connection dropped without one; a close after the 413 is fine.
        expect(outcome.status, `${category.name}: ${outcome.error}`).toBe(category.status);
        expect(outcome.codes, `${category.name}: ${outcome.body.slice(0, 300)}`).toEqual(category.codes);
        if (outcome.body !== '') expect(parseJson(outcome.body), outcome.body.slice(0, 300)).toBeDefined();
      }

      // None of the hostile requests reached NeuroMorpho: every upstream request is one of the ordinary
      // lookups (a single id each; the 100,000 ids would have shown up as neuron_id:1,2,3,...).
      const upstream = replica.log.map((entry) => `${entry.path}?q=${entry.query.q?.join('&q=') ?? ''}`);
      expect(upstream.length).toBeGreaterThan(0);
      expect([...new Set(upstream)].sort()).toEqual(
        ['1', '37', '604'].map((id) => `/api/neuron/select?q=neuron_id:${id}`),
      );

      expect(crashes.unhandledRejections).toEqual([]);
      expect(crashes.uncaughtExceptions).toEqual([]);
      // Still serving afterwards, on fresh connections.
      expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
      const after = await postGraphQL(gateway.graphqlUrl, { query: '{ neuron(id: 1) { name } }' });
      expect(after.json).toEqual({ data: { neuron: { name: 'cnic_001' } } });
    },
    size(60_000, 300_000),
  );

  /** Variables that do not coerce (wrong type, missing, 100,000 nested arrays) are the client's mistake. */
  it('variables that do not coerce get an error with a stable code', async () => {
    const query = 'query($ids: [Int!]!) { neurons(ids: $ids) { name } }';
    const nested = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const bodies = [
      JSON.stringify({ query, variables: { ids: 'x' } }),
      JSON.stringify({ query, variables: {} }),
      `{"query":${JSON.stringify(query)},"variables":{"ids":${nested}}}`,
    ];
    const outcomes = await runBounded(3 * EACH, 20, (index) =>
      postRaw(bodies[index % bodies.length] as string, 'application/json'),
    );
    for (const outcome of outcomes) {
      expect(outcome.body).not.toMatch(STACK_FRAME);
      expect(outcome.codes.length, outcome.body.slice(0, 200)).toBeGreaterThan(0);
      for (const code of outcome.codes) expect(code, outcome.body.slice(0, 200)).not.toBe('undefined');
    }
  });
});

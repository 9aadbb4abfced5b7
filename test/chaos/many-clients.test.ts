/**
 * Many clients at once against a warm response cache: every answer must be the right one, NeuroMorpho
 * must not be asked anything while the cache is warm, and the memory the load used must be given back.
 */
import { Client } from 'undici';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../support/gateway.js';
import { startReplica } from '../support/replica.js';
import { FULL, mib, postGraphQL, runBounded, settledHeapUsed, size, sleep } from './support.js';

const CLIENTS = size(200, 1000);
const DURATION_MS = size(10_000, 60_000);

/**
 * Allowed heap growth between before and after the load, both measured after a forced collection. The
 * heap after a full GC holds only what is still referenced: the cache itself is warm before the first
 * measurement, so growth here would mean something per request or per connection is kept (listeners,
 * loaders, request contexts, socket state). 150 MB is generous on purpose: it absorbs V8's own
 * bookkeeping (compiled code, inline caches, pooled buffers) and the client side of the test, which lives
 * in the same process; measured growth is ~2-5 MB. A leak still crosses it: the full run serves ~50,000+
 * requests (2.5-3 KB kept per request is enough), the short one ~10,000+ (about 12 KB per request).
 */
const HEAP_GROWTH_BOUND = 150 * 1024 * 1024;

/**
 * Clients connect in waves of CONNECT_WAVE per CONNECT_STEP_MS, each with one request, and the timed
 * load starts once every client has its connection. Measured while writing this suite: when a process
 * is CPU-saturated, Node accepts new connections only a few dozen per second (a plain node:http server
 * does the same, so this is not the gateway's doing); connections waiting in the kernel's accept queue
 * (511, Node's default backlog) past ~15 s are reset. Here clients, gateway and replica share one event
 * loop, so clients connecting while others already loop would measure that, not the gateway.
 */
const CONNECT_WAVE = 100;
const CONNECT_STEP_MS = 100;

const replica = await startReplica({ size: 500, seed: 3 });
const gateway = await startGateway(replica.url, {
  CACHE_STORE: 'memory',
  // The working set includes a neuron NeuroMorpho does not have; "not found" is remembered for 1 min by
  // default, shorter than the full run, so it would be asked again mid-load. Keep it for the whole run.
  CACHE_TTL_NOT_FOUND_MS: '600000',
  // The per-client limit would refuse this load by design (it all comes from 127.0.0.1): off here.
  RATE_LIMIT_RPS: '0',
  UPSTREAM_MAX_RPS: '100000',
  UPSTREAM_MAX_CONCURRENCY: '32',
});

/** The working set the clients cycle through; each is answered once to warm the cache. */
function workingSet(): Array<{ query: string; variables?: Record<string, unknown> }> {
  const ids = replica.population.ids;
  const some = (from: number, count: number) => ids.slice(from, from + count);
  const queries: Array<{ query: string; variables?: Record<string, unknown> }> = [];
  for (const q of ['species:rat', 'species:mouse', 'species:human', 'species:monkey']) {
    queries.push({
      query: `query($q: String!) { search(q: $q, size: 25) { totalElements items {
        neuronId name archive brainRegion measurement { length nBifs somaSurface fractalDim }
        urls { standardSwc thumbnail } } } }`,
      variables: { q },
    });
  }
  for (const id of [...some(0, 10), ...some(200, 10), 999_999_999]) {
    queries.push({
      query: 'query($id: Int!) { neuron(id: $id) { neuronId name species cellType measurement { nStems } } }',
      variables: { id },
    });
  }
  queries.push({
    query: 'query($ids: [Int!]!) { neurons(ids: $ids) { neuronId name measurement { length } } }',
    variables: { ids: some(300, 40) },
  });
  queries.push({
    query: '{ neuronFields fieldValues(field: "species") fieldCounts(field: "archive") { value count } }',
  });
  return queries;
}

describe(`${CLIENTS} concurrent clients for ${DURATION_MS / 1000} s on a warm cache`, () => {
  it(
    'answers every request correctly, asks NeuroMorpho nothing, and gives its memory back',
    async () => {
      const queries = workingSet();
      // Warm: the answer to each query, byte for byte, is what every client must get back later.
      const expected = await runBounded(queries.length, 4, async (index) => {
        const answer = await postGraphQL(gateway.graphqlUrl, queries[index]);
        expect(answer.status).toBe(200);
        expect(answer.json?.errors, answer.text).toBeUndefined();
        expect(answer.json?.data).toBeTruthy();
        return answer.text;
      });
      // A second pass proves the set is warm before the clock starts.
      replica.clearLog();
      await runBounded(queries.length, 4, (index) => postGraphQL(gateway.graphqlUrl, queries[index]));
      expect(replica.count({ pathPrefix: '/api' })).toBe(0);

      const before = await settledHeapUsed();
      const bodies = queries.map((query) => JSON.stringify(query));
      // One keep-alive connection per client, as separate browsers or scripts would each have. A hung
      // answer becomes a failure of its own instead of a test timeout.
      const connections = Array.from(
        { length: CLIENTS },
        () => new Client(gateway.url, { pipelining: 1, headersTimeout: 60_000, bodyTimeout: 60_000 }),
      );
      let served = 0;
      let peakHeapUsed = process.memoryUsage().heapUsed;
      const failures: string[] = [];
      const roundsDone = new Array<number>(CLIENTS).fill(0);
      let connectionsOpened = 0;
      const countConnection = () => connectionsOpened++;
      gateway.app.server.on('connection', countConnection);

      /** One request; true when the answer is exactly the warm one. */
      const send = async (connection: Client, index: number, label: string) => {
        try {
          const response = await connection.request({
            path: '/graphql',
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
            body: bodies[index],
          });
          const text = await response.body.text();
          if (response.statusCode === 200 && text === expected[index]) {
            served++;
            return true;
          }
          failures.push(`${label}: ${response.statusCode} ${text.slice(0, 200)}`);
        } catch (error) {
          failures.push(`${label}: client error ${(error as Error).message}`);
        }
        return false;
      };
      // The timed load starts when the last client has its connection (`released`).
      let connected = 0;
      let released = false;
      let deadline = Number.POSITIVE_INFINITY;
      let allConnected: () => void = () => undefined;
      const everyoneConnected = new Promise<void>((resolve) => {
        allConnected = resolve;
      });
      const connectStarted = Date.now();
      const connectPhase = everyoneConnected.then(() => {
        released = true;
        deadline = Date.now() + DURATION_MS;
        return { connections: connectionsOpened, served, ms: Date.now() - connectStarted };
      });
      const client = async (clientIndex: number) => {
        const connection = connections[clientIndex] as Client;
        await sleep(Math.floor(clientIndex / CONNECT_WAVE) * CONNECT_STEP_MS);
        await send(connection, clientIndex % bodies.length, `client ${clientIndex} connecting`);
        if (++connected === CLIENTS) allConnected();
        // Early clients keep their connection in use while the others connect: an idle keep-alive
        // connection is closed after a few seconds and would have to reconnect under full load.
        for (let beat = 1; !released; beat++) {
          await Promise.race([connectPhase, sleep(1000)]);
          if (!released)
            await send(connection, (clientIndex + beat) % bodies.length, `client ${clientIndex} waiting`);
        }
        for (let round = 1; Date.now() < deadline; round++) {
          await send(
            connection,
            (clientIndex + round) % bodies.length,
            `client ${clientIndex} round ${round}`,
          );
          roundsDone[clientIndex] = round;
          // A bounded run even when everything fails fast.
          if (failures.length > 100) return;
        }
      };
      const sampler = setInterval(() => {
        peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
      }, 250);
      try {
        await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));
      } finally {
        clearInterval(sampler);
        gateway.app.server.off('connection', countConnection);
        await Promise.all(connections.map((connection) => connection.close()));
      }
      const upstreamDuringLoad = replica.count({ pathPrefix: '/api' });
      const connect = await connectPhase;
      // Let the server side of the closed keep-alive connections wind down before measuring.
      await sleep(500);
      const after = await settledHeapUsed();

      console.log(
        `many clients (${FULL ? 'full' : 'short'}): ${CLIENTS} clients for ${DURATION_MS / 1000} s served ` +
          `${served} requests (~${Math.round((served - connect.served) / (DURATION_MS / 1000))}/s), ` +
          `${failures.length} failed, ${connect.connections} connections opened in ${connect.ms} ms to connect them, ` +
          `${connectionsOpened - connect.connections} during the load, ` +
          `${Math.min(...roundsDone)}..${Math.max(...roundsDone)} rounds per client, ` +
          `${upstreamDuringLoad} upstream requests; heap before ${mib(before.heapUsed)} MiB, ` +
          `peak ${mib(peakHeapUsed)} MiB, after ${mib(after.heapUsed)} MiB ` +
          `(${after.collected ? 'after a forced GC' : 'no GC available: after a settle'})`,
      );

      expect(failures.slice(0, 5)).toEqual([]);
      // Every client was served during the timed load, not just connected (however slow the machine).
      expect(Math.min(...roundsDone)).toBeGreaterThanOrEqual(1);
      // Record TTLs (1 day) and search TTLs (10 min) are far longer than the run: not a single miss.
      expect(upstreamDuringLoad).toBe(0);
      expect(after.heapUsed).toBeLessThanOrEqual(before.heapUsed + HEAP_GROWTH_BOUND);
      expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    },
    size(60_000, 240_000),
  );
});

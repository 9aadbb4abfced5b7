/**
 * Single flight and the budget's fair queue together, over real HTTP (the replica) with the real budget:
 * a client that queues a URL behind a backlog of its own cannot make another client, asking for the same
 * URL, wait out that backlog; once its request has a slot, the other client shares it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createUpstreamDispatcher } from '../../../src/upstream/dispatcher.js';
import { createUpstreamHttp } from '../../../src/upstream/http.js';
import { withSingleFlight } from '../../../src/upstream/single-flight.js';
import { createUpstreamBudget } from '../../../src/upstream/upstream-budget.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 50 });
const dispatcher = createUpstreamDispatcher({
  connectTimeoutMs: 2000,
  timeoutMs: 5000,
  keepAliveTimeoutMs: 1000,
  connectionsPerOrigin: 1,
});
afterAll(() => dispatcher.close());

/** One request at a time, each taking the replica's added 100 ms: the queue is what decides. */
function upstream() {
  const budget = createUpstreamBudget({
    maxPerSecond: 1000,
    maxConcurrency: 1,
    maxQueue: 100,
    queueTimeoutMs: 30_000,
  });
  const http = createUpstreamHttp({
    dispatcher,
    budget,
    retry: { attempts: 1, baseMs: 10, capMs: 10, jitter: false },
    timeoutMs: 5000,
    userAgent: 'test',
  });
  return withSingleFlight(http);
}

const neuronUrl = (id: number) => `${replica.url}/api/neuron/id/${id}`;
const POPULAR = `${replica.url}/api/neuron/name/cnic_001`;

describe('single flight with the fair queue', () => {
  it("another client does not wait out a backlog queued ahead of the same URL in one client's turn", async () => {
    replica.faults.add({ route: '/api', latencyMs: 100 });
    replica.clearLog();
    const shared = upstream();
    const finished: string[] = [];
    // Settled either way (ids the replica lacks answer 404): the order they finish in is what counts.
    const track = (name: string, answer: Promise<unknown>) => {
      const done = () => {
        finished.push(name);
      };
      return answer.then(done, done);
    };
    // Client A: eight requests, then the URL others are likely to ask for, last in its turn.
    const backlog = [1, 2, 3, 4, 5, 6, 7, 8].map((id) =>
      track(`A ${id}`, shared.getJson(neuronUrl(id), { clientKey: 'A' })),
    );
    const attackersPopular = track('A popular', shared.getJson(POPULAR, { clientKey: 'A' }));
    const victim = track('B popular', shared.getJson(POPULAR, { clientKey: 'B' }));
    await Promise.all([...backlog, attackersPopular, victim]);
    replica.faults.clear();
    // B is served in its own turn (after A's first request or two), not after A's backlog.
    expect(finished.indexOf('B popular')).toBeLessThan(3);
    expect(finished.at(-1)).toBe('A popular');
    // Its own request, charged to it: the popular URL went upstream twice.
    expect(replica.count({ pathPrefix: '/api/neuron/name/' })).toBe(2);
  }, 30_000);

  it('a request that has its slot is shared with every client asking meanwhile', async () => {
    replica.faults.add({ route: '/api', latencyMs: 300 });
    replica.clearLog();
    const shared = upstream();
    const first = shared.getJson(POPULAR, { clientKey: 'A' });
    // A's request has its slot at once (nothing queued) and is now waiting for the replica.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const others = ['B', 'C', 'D'].map((clientKey) => shared.getJson(POPULAR, { clientKey }));
    expect(shared.inFlight()).toBe(1);
    const answers = await Promise.all([first, ...others]);
    replica.faults.clear();
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(replica.count({ pathPrefix: '/api/neuron/name/' })).toBe(1);
  });
});

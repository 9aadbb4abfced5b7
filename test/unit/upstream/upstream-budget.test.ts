import { describe, expect, it } from 'vitest';
import { createUpstreamBudget, UpstreamBusyError } from '../../../src/upstream/upstream-budget.js';

const options = { maxPerSecond: 1000, maxConcurrency: 2, maxQueue: 2, queueTimeoutMs: 5000 };

describe('createUpstreamBudget', () => {
  it('never lets more than maxConcurrency run, and hands slots on in arrival order', async () => {
    const budget = createUpstreamBudget(options);
    const order: string[] = [];
    const first = await budget.acquire('a');
    const second = await budget.acquire('b');
    const third = budget.acquire('c').then((release) => {
      order.push('c');
      return release;
    });
    const fourth = budget.acquire('d').then((release) => {
      order.push('d');
      return release;
    });
    expect(budget.stats()).toMatchObject({ active: 2, queued: 2 });
    first();
    const releaseThird = await third;
    expect(budget.stats().active).toBe(2);
    second();
    (await fourth)();
    releaseThird();
    expect(order).toEqual(['c', 'd']);
    expect(budget.stats()).toMatchObject({ active: 0, queued: 0, maxActive: 2, started: 4 });
  });

  it('refuses at once when the queue is full', async () => {
    const budget = createUpstreamBudget({ ...options, maxConcurrency: 1, maxQueue: 1 });
    const running = await budget.acquire('a');
    const waiting = budget.acquire('b');
    await expect(budget.acquire('c')).rejects.toBeInstanceOf(UpstreamBusyError);
    running();
    (await waiting)();
    expect(budget.stats().rejected).toBe(1);
  });

  it('gives up on a wait longer than the queue timeout with UPSTREAM_BUSY', async () => {
    const budget = createUpstreamBudget({ ...options, maxConcurrency: 1, queueTimeoutMs: 20 });
    const running = await budget.acquire('a');
    const error = await budget.acquire('b').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamBusyError);
    expect((error as UpstreamBusyError).code).toBe('UPSTREAM_BUSY');
    running();
    expect(budget.stats()).toMatchObject({ active: 0, queued: 0 });
  });

  it('spaces starts by the rate: the clock decides when the next one may go', async () => {
    let now = 0;
    const budget = createUpstreamBudget({ ...options, maxPerSecond: 10, maxConcurrency: 10 }, () => now);
    (await budget.acquire('a'))();
    let second = false;
    const pending = budget.acquire('b').then((release) => {
      second = true;
      release();
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(second).toBe(false);
    now = 100;
    await pending;
    expect(second).toBe(true);
  });

  it('a release called twice frees one slot only', async () => {
    const budget = createUpstreamBudget(options);
    const release = await budget.acquire('a');
    await budget.acquire('b');
    release();
    release();
    expect(budget.stats().active).toBe(1);
  });
});

describe('createUpstreamBudget: fair between clients', () => {
  /** A budget of one slot whose rate never holds anything up: the clock jumps a second per read. */
  function oneSlot(maxQueue = 100) {
    let clock = 0;
    return createUpstreamBudget(
      { maxPerSecond: 1, maxConcurrency: 1, maxQueue, queueTimeoutMs: 60_000 },
      () => (clock += 1000),
    );
  }

  /** Queues `count` requests for `client`; each records its turn and holds the slot until released. */
  function enqueue(budget: ReturnType<typeof oneSlot>, client: string, count: number, order: string[]) {
    return Array.from({ length: count }, (_, i) =>
      budget.acquire(`${client}/${i}`, client).then((release) => {
        order.push(`${client}${i}`);
        return release;
      }),
    );
  }

  it("serves clients in turn: a 100-request backlog delays another client's lookup by one request", async () => {
    const budget = oneSlot(1000);
    const order: string[] = [];
    const running = await budget.acquire('first', 'crawler');
    const crawler = enqueue(budget, 'crawler', 100, order);
    const [lookup] = enqueue(budget, 'reader', 1, order);
    running();
    (await crawler[0])?.();
    (await lookup)?.();
    expect(order).toEqual(['crawler0', 'reader0']);
    for (const pending of crawler.slice(1)) (await pending)();
    expect(order).toHaveLength(101);
    expect(budget.stats()).toMatchObject({ active: 0, queued: 0 });
  });

  it('alternates between clients that both have a backlog', async () => {
    const budget = oneSlot();
    const order: string[] = [];
    const running = await budget.acquire('first');
    const a = enqueue(budget, 'a', 3, order);
    const b = enqueue(budget, 'b', 3, order);
    running();
    for (const pending of [a[0], b[0], a[1], b[1], a[2], b[2]]) (await pending)?.();
    expect(order).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
  });

  it('with the queue full, the longest queue gives up its newest request to a client with fewer', async () => {
    const budget = oneSlot(4);
    const order: string[] = [];
    const running = await budget.acquire('first', 'crawler');
    const crawler = enqueue(budget, 'crawler', 4, order);
    const refusedOutcome = crawler[3]?.catch((error: unknown) => error);
    const [lookup] = enqueue(budget, 'reader', 1, order);
    const refused = await refusedOutcome;
    expect(refused).toBeInstanceOf(UpstreamBusyError);
    expect((refused as UpstreamBusyError).url).toBe('crawler/3');
    // The client with the longest queue is refused outright when it asks for more.
    await expect(budget.acquire('crawler/4', 'crawler')).rejects.toBeInstanceOf(UpstreamBusyError);
    running();
    for (const pending of [crawler[0], lookup, crawler[1], crawler[2]]) (await pending)?.();
    expect(order).toEqual(['crawler0', 'reader0', 'crawler1', 'crawler2']);
    expect(budget.stats()).toMatchObject({ active: 0, queued: 0, rejected: 2 });
  });

  it("a timed-out request leaves its client's queue and the others keep their turn", async () => {
    const budget = createUpstreamBudget({ ...options, maxConcurrency: 1, maxQueue: 10, queueTimeoutMs: 20 });
    const running = await budget.acquire('first', 'a');
    const late = budget.acquire('late', 'b').catch((error: unknown) => error);
    expect(await late).toBeInstanceOf(UpstreamBusyError);
    expect(budget.stats().queued).toBe(0);
    const next = budget.acquire('next', 'b');
    running();
    (await next)();
    expect(budget.stats()).toMatchObject({ active: 0, queued: 0, rejected: 1 });
  });
});

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

import { describe, expect, it } from 'vitest';
import { createLimiter, mapWithConcurrency } from '../../../src/util/concurrency.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('createLimiter', () => {
  it('never runs more than the limit at once, even when a slot is handed over', async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 6 }, deferred);
    const tasks = gates.map((gate) =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await gate.promise;
        running--;
      }),
    );
    expect(limiter.active).toBe(2);
    expect(limiter.waiting).toBe(4);
    gates[0]?.resolve();
    // A newcomer arriving while a slot is being handed over must queue, not squeeze in.
    const late = limiter.run(async () => {
      running++;
      peak = Math.max(peak, running);
      running--;
    });
    for (const gate of gates) gate.resolve();
    await Promise.all([...tasks, late]);
    expect(peak).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it('releases the slot when a task fails', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });
});

describe('mapWithConcurrency', () => {
  it('visits every item with at most `limit` in flight', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await mapWithConcurrency([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(n);
      running--;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });
});

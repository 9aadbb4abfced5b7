import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../../src/datasets/queue/memory-bus.js';
import { createRedisProgressBus } from '../../../src/datasets/queue/redis-bus.js';
import type { ProgressBus } from '../../../src/datasets/types.js';
import { startRedis } from '../../support/redis.js';

const redis = await startRedis();
const inspector = new Redis(redis.url);
afterAll(() => inspector.quit());
const CHANNEL_PREFIX = 'nm-datasets:progress:';

/**
 * The contract every bus keeps: a subscription hears the publishes made once its iteration started
 * (its first next(); watchers call it before reading the state they then keep up to date).
 */
interface BusUnderTest {
  kind: 'memory' | 'redis';
  /** Buses of different gateways hear each other (one Redis). */
  shared: boolean;
  create(redisUrl?: string, onError?: (error: unknown) => void): ProgressBus;
  /**
   * Resolves once `subscribers` subscriptions to the dataset can hear a publish: at once in process,
   * once Redis has acknowledged the SUBSCRIBE on Redis (pub/sub delivers nothing before).
   */
  heard(datasetId: string, subscribers?: number): Promise<void>;
}

const implementations: BusUnderTest[] = [
  { kind: 'memory', shared: false, create: () => createMemoryBus(), heard: async () => {} },
  {
    kind: 'redis',
    shared: true,
    create: (redisUrl = redis.url, onError) =>
      createRedisProgressBus({ redisUrl, ...(onError ? { onError } : {}) }),
    async heard(datasetId, subscribers = 1) {
      for (let tries = 0; tries < 500; tries++) {
        const [, count] = (await inspector.pubsub('NUMSUB', CHANNEL_PREFIX + datasetId)) as [string, number];
        if (count >= subscribers) return;
        await sleep(10);
      }
      throw new Error(`nobody subscribed to ${datasetId}`);
    },
  },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const NOTHING = Symbol('nothing arrived');

/** What the iterator gives within a moment: a wake-up it already holds resolves on the next turns. */
function soon<T>(next: Promise<T>): Promise<T | typeof NOTHING> {
  const nothing = sleep(50).then((): typeof NOTHING => NOTHING);
  return Promise.race([next, nothing]);
}

describe.each(implementations)('progress bus contract: $kind', (implementation) => {
  // Cases only a shared (Redis) implementation can meet: not registered at all for the others, so no
  // run reports a skipped test.
  const sharedOnly = (name: string, fn: () => Promise<void>, timeout?: number): void => {
    if (implementation.shared) it(name, fn, timeout);
  };
  const buses: ProgressBus[] = [];
  const controllers: AbortController[] = [];
  afterEach(async () => {
    for (const controller of controllers.splice(0)) controller.abort();
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });
  function createBus(redisUrl?: string, onError?: (error: unknown) => void): ProgressBus {
    const bus = implementation.create(redisUrl, onError);
    buses.push(bus);
    return bus;
  }
  function subscribe(bus: ProgressBus, datasetId: string, controller = new AbortController()) {
    controllers.push(controller);
    return bus.subscribe(datasetId, controller.signal)[Symbol.asyncIterator]();
  }
  /**
   * Waits until every publish made so far on `bus` reached its subscribers: publishes to a barrier
   * dataset heard on the same bus, which pub/sub delivers after the earlier messages.
   */
  async function settled(bus: ProgressBus): Promise<void> {
    const barrier = `ds_barrier_${randomUUID()}`;
    const controller = new AbortController();
    const changes = subscribe(bus, barrier, controller);
    await implementation.heard(barrier);
    const woke = changes.next();
    await bus.publish(barrier);
    await woke;
    controller.abort();
  }

  it('yields once per publish while the subscriber keeps up', async () => {
    const bus = createBus();
    const id = `ds_${randomUUID()}`;
    const changes = subscribe(bus, id);
    await implementation.heard(id);
    for (let i = 0; i < 3; i++) {
      const woke = changes.next();
      await bus.publish(id);
      expect(await woke).toEqual({ done: false, value: undefined });
    }
    await settled(bus);
    expect(await soon(changes.next())).toBe(NOTHING);
  });

  it('coalesces publishes that arrive while the subscriber is busy into one wake-up', async () => {
    const bus = createBus();
    const id = `ds_${randomUUID()}`;
    const changes = subscribe(bus, id);
    await implementation.heard(id);
    // The first publish wakes the waiting next(); the four after it, made while nobody waits, are one.
    const first = changes.next();
    for (let i = 0; i < 5; i++) await bus.publish(id);
    await settled(bus);
    expect(await first).toEqual({ done: false, value: undefined });
    expect(await soon(changes.next())).toEqual({ done: false, value: undefined });
    expect(await soon(changes.next())).toBe(NOTHING);
  });

  it('does not wake a subscriber for another dataset', async () => {
    const bus = createBus();
    const [mine, other] = [`ds_${randomUUID()}`, `ds_${randomUUID()}`];
    const changes = subscribe(bus, mine);
    await implementation.heard(mine);
    const next = changes.next();
    await bus.publish(other);
    await settled(bus);
    expect(await soon(next)).toBe(NOTHING);
    await bus.publish(mine);
    expect(await next).toEqual({ done: false, value: undefined });
  });

  it('wakes every subscriber of the dataset', async () => {
    const bus = createBus();
    const id = `ds_${randomUUID()}`;
    const [first, second] = [subscribe(bus, id), subscribe(bus, id)];
    await implementation.heard(id);
    const woke = [first.next(), second.next()];
    await bus.publish(id);
    expect(await Promise.all(woke)).toEqual([
      { done: false, value: undefined },
      { done: false, value: undefined },
    ]);
  });

  it('ends a subscription when its signal aborts, leaving the others', async () => {
    const bus = createBus();
    const id = `ds_${randomUUID()}`;
    const controller = new AbortController();
    const [stopping, staying] = [subscribe(bus, id, controller), subscribe(bus, id)];
    await implementation.heard(id);
    const ended = stopping.next();
    controller.abort();
    expect(await ended).toEqual({ done: true, value: undefined });
    const woke = staying.next();
    await bus.publish(id);
    expect(await woke).toEqual({ done: false, value: undefined });
  });

  it('ends at once when subscribed with an aborted signal', async () => {
    const bus = createBus();
    const controller = new AbortController();
    controller.abort();
    const changes = subscribe(bus, `ds_${randomUUID()}`, controller);
    expect(await changes.next()).toEqual({ done: true, value: undefined });
  });

  it('close() ends every subscription, and a later publish is a no-op', async () => {
    const bus = createBus();
    const id = `ds_${randomUUID()}`;
    const changes = subscribe(bus, id);
    await implementation.heard(id);
    const ended = changes.next();
    await bus.close();
    expect(await ended).toEqual({ done: true, value: undefined });
    await expect(bus.publish(id)).resolves.toBeUndefined();
  });

  sharedOnly('wakes a subscriber of another gateway on the same Redis', async () => {
    const [publishing, watching] = [createBus(), createBus()];
    const id = `ds_${randomUUID()}`;
    const changes = subscribe(watching, id);
    await implementation.heard(id);
    const woke = changes.next();
    await publishing.publish(id);
    expect(await woke).toEqual({ done: false, value: undefined });
  });

  sharedOnly('reports, not throws, a publish while Redis is down', async () => {
    const own = await startRedis();
    const errors: unknown[] = [];
    const bus = createBus(own.url, (error) => errors.push(error));
    await bus.publish(`ds_${randomUUID()}`);
    await own.kill();
    await expect(bus.publish(`ds_${randomUUID()}`)).resolves.toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    // Ends its subscriptions and returns although Redis does not answer.
    const id = `ds_${randomUUID()}`;
    const ended = subscribe(bus, id).next();
    await bus.close();
    expect(await ended).toEqual({ done: true, value: undefined });
  });
});

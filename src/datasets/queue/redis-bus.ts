/**
 * The shared progress bus (CACHE_STORE=redis://...): Redis pub/sub, one channel per dataset, so a watcher
 * on any gateway hears of progress made by any other. Pub/sub is at-most-once (nothing is delivered
 * while a connection is down, or before a SUBSCRIBE is acknowledged): a change is a hint to re-read the
 * dataset's state from disk, never the state itself.
 */
import type { ProgressBus } from '../types.js';
import { createRedisConnections } from './redis-connection.js';

export interface RedisProgressBusOptions {
  redisUrl: string;
  /** Prepended to the dataset id to name its channel. @default 'nm-datasets:progress:' */
  channelPrefix?: string;
  /** A publish that failed or connection trouble; publishing never throws, the job goes on. */
  onError?: (error: unknown) => void;
}

/** One subscription's wake-ups: every wake while nobody waits collapses into one pending tick. */
interface Ticks {
  wake(): void;
  end(): void;
  iterate(): AsyncGenerator<void>;
}

function createTicks(onEnd: () => void): Ticks {
  let pending = false;
  let ended = false;
  let waiter: (() => void) | undefined;
  const release = () => {
    waiter?.();
    waiter = undefined;
  };
  const ticks: Ticks = {
    wake() {
      pending = true;
      release();
    },
    end() {
      if (ended) return;
      ended = true;
      release();
      onEnd();
    },
    async *iterate() {
      try {
        while (!ended) {
          if (pending) {
            pending = false;
            yield;
            continue;
          }
          await new Promise<void>((resolve) => {
            waiter = resolve;
          });
        }
      } finally {
        ticks.end();
      }
    },
  };
  return ticks;
}

export function createRedisProgressBus(options: RedisProgressBusOptions): ProgressBus {
  const channelPrefix = options.channelPrefix ?? 'nm-datasets:progress:';
  const onError = options.onError ?? (() => {});
  // A publish is a hint: retried once, then reported and dropped rather than holding up a download.
  const connections = createRedisConnections(options.redisUrl, onError);
  const publisher = connections.open({ maxRetriesPerRequest: 1 });
  // Resubscribes by itself after a reconnect (ioredis autoResubscribe).
  const subscriber = connections.open({ maxRetriesPerRequest: null });
  /** Local subscriptions by channel; the Redis SUBSCRIBE is held while a channel has one. */
  const byChannel = new Map<string, Set<Ticks>>();
  let closed = false;

  subscriber.on('message', (channel: string) => {
    for (const ticks of byChannel.get(channel) ?? []) ticks.wake();
  });

  function forget(channel: string, ticks: Ticks): void {
    const subscriptions = byChannel.get(channel);
    if (!subscriptions?.delete(ticks) || subscriptions.size > 0) return;
    byChannel.delete(channel);
    if (!closed) subscriber.unsubscribe(channel).catch(onError);
  }

  return {
    async publish(datasetId) {
      if (closed) return;
      try {
        await publisher.publish(channelPrefix + datasetId, '1');
      } catch (error) {
        onError(error);
      }
    },
    subscribe(datasetId, signal) {
      const channel = channelPrefix + datasetId;
      const ticks = createTicks(() => {
        signal.removeEventListener('abort', onAbort);
        forget(channel, ticks);
      });
      const onAbort = () => ticks.end();
      if (closed || signal.aborted) {
        ticks.end();
        return ticks.iterate();
      }
      signal.addEventListener('abort', onAbort, { once: true });
      // Subscribed now, not at the first next(), so that publishes right after this call are heard as
      // soon as Redis has acknowledged the SUBSCRIBE.
      let subscriptions = byChannel.get(channel);
      if (!subscriptions) {
        subscriptions = new Set();
        byChannel.set(channel, subscriptions);
        subscriber.subscribe(channel).catch(onError);
      }
      subscriptions.add(ticks);
      return ticks.iterate();
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const subscriptions of [...byChannel.values()]) for (const ticks of subscriptions) ticks.end();
      byChannel.clear();
      await connections.closeAll();
    },
  };
}

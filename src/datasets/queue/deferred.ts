import type { ProgressBus, WorkQueue } from '../types.js';

/**
 * A queue whose implementation is imported on first use: the shared queue needs BullMQ and ioredis
 * (about 150-220 ms of imports), which a gateway should not pay before it answers `/healthz`, and a
 * gateway without Redis never loads at all. Calls made while loading run in the order they were made.
 */
export function deferredWorkQueue(
  kind: WorkQueue['kind'],
  load: () => Promise<WorkQueue>,
  onError: (error: unknown) => void = () => {},
): WorkQueue {
  let loading: Promise<WorkQueue> | undefined;
  const queue = () => {
    loading ??= load();
    return loading;
  };
  return {
    kind,
    add: async (key, task) => (await queue()).add(key, task),
    work(handler, concurrency) {
      queue().then((loaded) => loaded.work(handler, concurrency), onError);
    },
    async close(graceMs) {
      if (loading === undefined) return;
      const loaded = await loading.catch(() => undefined);
      await loaded?.close(graceMs);
    },
  };
}

/** A progress bus imported on first use, for the same reason as deferredWorkQueue. */
export function deferredProgressBus(load: () => Promise<ProgressBus>): ProgressBus {
  let loading: Promise<ProgressBus> | undefined;
  const bus = () => {
    loading ??= load();
    return loading;
  };
  return {
    publish: async (datasetId) => (await bus()).publish(datasetId),
    async *subscribe(datasetId, signal) {
      yield* (await bus()).subscribe(datasetId, signal);
    },
    async close() {
      if (loading === undefined) return;
      const loaded = await loading.catch(() => undefined);
      await loaded?.close();
    },
  };
}

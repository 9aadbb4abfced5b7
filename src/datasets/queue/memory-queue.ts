import type { DatasetTask, WorkQueue } from '../types.js';

export interface MemoryQueueOptions {
  /** Runs of a task in all before it is dropped. @default 3 */
  attempts?: number;
  /** Told when a task failed its last attempt. */
  onFailed?: (task: DatasetTask, error: unknown) => void;
}

interface Entry {
  key: string;
  task: DatasetTask;
  attempt: number;
}

type Handler = (task: DatasetTask, signal: AbortSignal) => Promise<void>;

/** The in-process WorkQueue: tasks in arrival order, a key queued or running only once, retries on throw. */
export function createMemoryQueue(options: MemoryQueueOptions = {}): WorkQueue {
  const attempts = Math.max(1, options.attempts ?? 3);
  const waiting: Entry[] = [];
  const keys = new Set<string>();
  const running = new Map<Promise<void>, AbortController>();
  let handler: Handler | undefined;
  let concurrency = 1;
  let closed = false;

  function settle(entry: Entry, error: unknown | undefined): void {
    if (error !== undefined && !closed && entry.attempt < attempts) {
      waiting.push({ ...entry, attempt: entry.attempt + 1 });
      return;
    }
    keys.delete(entry.key);
    if (error !== undefined && !closed) options.onFailed?.(entry.task, error);
  }

  function pump(): void {
    while (handler && !closed && running.size < concurrency && waiting.length > 0) {
      const entry = waiting.shift() as Entry;
      const controller = new AbortController();
      const run = handler;
      // Started on the next turn, so add() never runs a handler inside its caller.
      const promise: Promise<void> = Promise.resolve()
        .then(() => run(entry.task, controller.signal))
        .then(
          () => settle(entry, undefined),
          (error: unknown) => settle(entry, error ?? new Error('task failed')),
        )
        .finally(() => {
          running.delete(promise);
          pump();
        });
      running.set(promise, controller);
    }
  }

  return {
    kind: 'memory',
    async add(key, task) {
      if (closed || keys.has(key)) return;
      keys.add(key);
      waiting.push({ key, task, attempt: 1 });
      pump();
    },
    work(next, at) {
      handler = next;
      concurrency = Math.max(1, at);
      pump();
    },
    async close(graceMs = Number.POSITIVE_INFINITY) {
      closed = true;
      waiting.length = 0;
      const all = Promise.allSettled(running.keys());
      if (Number.isFinite(graceMs)) {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        });
        await Promise.race([all, deadline]);
        clearTimeout(timer);
        for (const controller of running.values())
          controller.abort(new Error('the gateway is shutting down'));
      }
      await all;
    },
  };
}

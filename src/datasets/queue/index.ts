import type { DatasetTask, ProgressBus, WorkQueue } from '../types.js';
import { deferredProgressBus, deferredWorkQueue } from './deferred.js';
import { createMemoryBus } from './memory-bus.js';
import { createMemoryQueue } from './memory-queue.js';

export interface WorkQueueOptions {
  /** A redis:// URL (CACHE_STORE) to share the work with other gateways; null for the in-process queue. */
  redisUrl: string | null;
  /** Runs of a task in all before it is dropped. @default 3 */
  attempts?: number;
  /** Told when a task failed its last attempt. */
  onFailed?: (task: DatasetTask, error: unknown) => void;
  /** Told of Redis trouble (the queue keeps trying to reconnect). */
  onError?: (error: unknown) => void;
}

export interface ProgressBusOptions {
  /** A redis:// URL to tell watchers in every gateway; null for the in-process bus. */
  redisUrl: string | null;
  /** Told of Redis trouble (a publish while Redis is out is dropped, not thrown). */
  onError?: (error: unknown) => void;
}

/** The queue dataset tasks go on: the one place that picks the kind. */
export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  if (options.redisUrl !== null) {
    const { redisUrl, attempts, onFailed, onError } = options;
    // Shared: every gateway on this Redis takes tasks from one BullMQ queue (imported on first use).
    return deferredWorkQueue(
      'redis',
      async () =>
        (await import('./bullmq-queue.js')).createBullmqWorkQueue({
          redisUrl,
          ...(attempts !== undefined ? { attempts } : {}),
          ...(onFailed ? { onFailed } : {}),
          ...(onError ? { onError } : {}),
        }),
      onError,
    );
  }
  return createMemoryQueue({
    ...(options.attempts !== undefined ? { attempts: options.attempts } : {}),
    ...(options.onFailed ? { onFailed: options.onFailed } : {}),
  });
}

/** The bus progress goes on: the one place that picks the kind. */
export function createProgressBus(options: ProgressBusOptions): ProgressBus {
  // Shared: watchers on every gateway hear progress made by any of them.
  if (options.redisUrl !== null) {
    const { redisUrl, onError } = options;
    return deferredProgressBus(async () =>
      (await import('./redis-bus.js')).createRedisProgressBus({ redisUrl, ...(onError ? { onError } : {}) }),
    );
  }
  return createMemoryBus();
}

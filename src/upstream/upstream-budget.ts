import { UpstreamError } from './errors.js';

export interface UpstreamBudgetOptions {
  /** Requests started per second, across all clients; starts are spaced evenly. @default 5 */
  maxPerSecond: number;
  /** Requests (and file downloads) in flight at once. @default 4 */
  maxConcurrency: number;
  /** Requests waiting for a slot; more are refused at once. @default 1000 */
  maxQueue: number;
  /** Longest wait for a slot before giving up cleanly. @default 30000 */
  queueTimeoutMs: number;
}

/** The gateway's own budget for NeuroMorpho is used up; not retried, since retrying adds load. */
export class UpstreamBusyError extends UpstreamError {
  override readonly code = 'UPSTREAM_BUSY';
}

export interface BudgetStats {
  active: number;
  queued: number;
  /** Highest number in flight at once since start. */
  maxActive: number;
  started: number;
  rejected: number;
}

export interface UpstreamBudget {
  /** Waits for a slot; call the returned function when the request (and its body) is done. */
  acquire(url: string): Promise<() => void>;
  stats(): BudgetStats;
}

interface Waiter {
  grant: (release: () => void) => void;
  timer: NodeJS.Timeout;
}

/**
 * Keeps NeuroMorpho's load within the configured rate and concurrency whatever the clients do:
 * requests beyond it wait in a bounded queue, and time out with UpstreamBusyError.
 */
export function createUpstreamBudget(
  options: UpstreamBudgetOptions,
  now: () => number = Date.now,
): UpstreamBudget {
  const spacingMs = 1000 / options.maxPerSecond;
  const queue: Waiter[] = [];
  const stats: BudgetStats = { active: 0, queued: 0, maxActive: 0, started: 0, rejected: 0 };
  let nextStartAt = 0;
  let pumpTimer: NodeJS.Timeout | undefined;

  function release() {
    stats.active--;
    pump();
  }

  function pump() {
    while (queue.length > 0 && stats.active < options.maxConcurrency) {
      const wait = nextStartAt - now();
      if (wait > 0) {
        if (!pumpTimer) {
          pumpTimer = setTimeout(() => {
            pumpTimer = undefined;
            pump();
          }, wait);
        }
        return;
      }
      const waiter = queue.shift() as Waiter;
      clearTimeout(waiter.timer);
      nextStartAt = Math.max(nextStartAt, now()) + spacingMs;
      stats.active++;
      stats.started++;
      stats.maxActive = Math.max(stats.maxActive, stats.active);
      stats.queued = queue.length;
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        release();
      });
    }
    stats.queued = queue.length;
  }

  return {
    acquire(url: string) {
      const slotFree = queue.length === 0 && stats.active < options.maxConcurrency && nextStartAt <= now();
      if (!slotFree && queue.length >= options.maxQueue) {
        stats.rejected++;
        return Promise.reject(new UpstreamBusyError('too many requests waiting for NeuroMorpho', url));
      }
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          grant: resolve,
          timer: setTimeout(() => {
            const index = queue.indexOf(waiter);
            if (index >= 0) queue.splice(index, 1);
            stats.queued = queue.length;
            stats.rejected++;
            reject(new UpstreamBusyError(`waited ${options.queueTimeoutMs} ms for a NeuroMorpho slot`, url));
          }, options.queueTimeoutMs),
        };
        queue.push(waiter);
        stats.queued = queue.length;
        pump();
      });
    },
    stats: () => ({ ...stats }),
  };
}

import { UpstreamError } from './errors.js';

export interface UpstreamBudgetOptions {
  /** Requests started per second, across all clients; starts are spaced evenly. @default 5 */
  maxPerSecond: number;
  /** Requests (and file downloads) in flight at once. @default 4 */
  maxConcurrency: number;
  /** Requests waiting for a slot, all clients together; more are refused at once. @default 1000 */
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
  /**
   * Waits for a slot; call the returned function when the request (and its body) is done. Waiting
   * requests are served round-robin between clients (`clientKey`, the rate limiter's key; requests
   * without one share a queue), so one client's backlog delays another client by at most one request
   * per waiting client.
   */
  acquire(url: string, clientKey?: string): Promise<() => void>;
  stats(): BudgetStats;
}

interface Waiter {
  clientKey: string;
  grant: (release: () => void) => void;
  refuse: (error: UpstreamBusyError) => void;
  url: string;
  timer: NodeJS.Timeout;
}

const UNATTRIBUTED = '';

/**
 * Keeps NeuroMorpho's load within the configured rate and concurrency whatever the clients do:
 * requests beyond it wait in a bounded queue, and time out with UpstreamBusyError. The queue is fair:
 * one queue per client, served in turn; when the whole queue is full, the client with the longest
 * queue gives up its newest request to a client with fewer waiting.
 */
export function createUpstreamBudget(
  options: UpstreamBudgetOptions,
  now: () => number = Date.now,
): UpstreamBudget {
  const spacingMs = 1000 / options.maxPerSecond;
  // Insertion order is the turn order: a client served goes to the back (delete, then set again).
  const queues = new Map<string, Waiter[]>();
  const stats: BudgetStats = { active: 0, queued: 0, maxActive: 0, started: 0, rejected: 0 };
  let nextStartAt = 0;
  let pumpTimer: NodeJS.Timeout | undefined;

  function release() {
    stats.active--;
    pump();
  }

  /** The next waiter in turn, taken off its client's queue. */
  function takeNext(): Waiter | undefined {
    const next = queues.entries().next();
    if (next.done) return undefined;
    const [clientKey, waiting] = next.value;
    const waiter = waiting.shift();
    queues.delete(clientKey);
    if (waiting.length > 0) queues.set(clientKey, waiting);
    stats.queued--;
    return waiter;
  }

  function remove(waiter: Waiter) {
    const waiting = queues.get(waiter.clientKey);
    const index = waiting?.indexOf(waiter) ?? -1;
    if (!waiting || index < 0) return;
    waiting.splice(index, 1);
    if (waiting.length === 0) queues.delete(waiter.clientKey);
    stats.queued--;
  }

  function refuse(waiter: Waiter, message: string) {
    clearTimeout(waiter.timer);
    stats.rejected++;
    waiter.refuse(new UpstreamBusyError(message, waiter.url));
  }

  /** With the queue full: the newest waiter of the longest queue, if that queue is longer than `than`. */
  function evictionCandidate(than: number): Waiter | undefined {
    let longest: Waiter[] | undefined;
    for (const waiting of queues.values()) if (waiting.length > (longest?.length ?? 0)) longest = waiting;
    return longest && longest.length > than + 1 ? longest.at(-1) : undefined;
  }

  function pump() {
    while (stats.queued > 0 && stats.active < options.maxConcurrency) {
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
      const waiter = takeNext() as Waiter;
      clearTimeout(waiter.timer);
      nextStartAt = Math.max(nextStartAt, now()) + spacingMs;
      stats.active++;
      stats.started++;
      stats.maxActive = Math.max(stats.maxActive, stats.active);
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        release();
      });
    }
  }

  return {
    acquire(url, clientKey = UNATTRIBUTED) {
      const slotFree = stats.queued === 0 && stats.active < options.maxConcurrency && nextStartAt <= now();
      if (!slotFree && stats.queued >= options.maxQueue) {
        const evicted = evictionCandidate(queues.get(clientKey)?.length ?? 0);
        if (!evicted) {
          stats.rejected++;
          return Promise.reject(new UpstreamBusyError('too many requests waiting for NeuroMorpho', url));
        }
        remove(evicted);
        refuse(evicted, 'too many requests waiting for NeuroMorpho; other clients go first');
      }
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          clientKey,
          grant: resolve,
          refuse: reject,
          url,
          timer: setTimeout(() => {
            remove(waiter);
            refuse(waiter, `waited ${options.queueTimeoutMs} ms for a NeuroMorpho slot`);
          }, options.queueTimeoutMs),
        };
        const waiting = queues.get(clientKey);
        if (waiting) waiting.push(waiter);
        else queues.set(clientKey, [waiter]);
        stats.queued++;
        pump();
      });
    },
    stats: () => ({ ...stats }),
  };
}

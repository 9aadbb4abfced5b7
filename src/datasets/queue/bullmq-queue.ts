/**
 * The shared work queue (CACHE_STORE=redis://...): BullMQ on Redis, so every gateway on one Redis takes
 * tasks from the same queue, and a task whose process died is taken over once its lock expires.
 */
import { type Job, Queue, WaitingError, Worker } from 'bullmq';
import type { DatasetTask, WorkQueue } from '../types.js';
import { createRedisConnections } from './redis-connection.js';

export interface BullmqWorkQueueOptions {
  redisUrl: string;
  /** @default 'nm-datasets' */
  queueName?: string;
  /** Redis key prefix of the queue's keys. @default 'bull' */
  prefix?: string;
  /** Runs of a task whose handler throws, the first included. @default 3 */
  attempts?: number;
  /** First retry delay, doubled at each further attempt. @default 1000 */
  backoffMs?: number;
  /** How long a task stays locked to a worker that stopped renewing it (a dead process). @default 30000 */
  lockDurationMs?: number;
  /** How often a worker looks for tasks whose lock expired. @default 30000 */
  stalledIntervalMs?: number;
  /** Takeovers of a task after a dead worker before it is given up as failed. @default 2 */
  maxStalledCount?: number;
  /** A task given up after its last attempt (or too many takeovers). */
  onFailed?: (task: DatasetTask, error: unknown) => void;
  /** Redis connection trouble; the queue keeps reconnecting. */
  onError?: (error: unknown) => void;
}

/** @default graceMs of close() */
const DEFAULT_CLOSE_GRACE_MS = 10_000;
/** After the handlers ended, how long the worker may take to record their outcome in Redis. */
const WORKER_SETTLE_MS = 3000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** BullMQ refuses integer ids and ids with ':'; keys may be anything, so they are escaped reversibly. */
export function toJobId(key: string): string {
  return `k-${key.replaceAll('%', '%25').replaceAll(':', '%3A')}`;
}

export function createBullmqWorkQueue(options: BullmqWorkQueueOptions): WorkQueue {
  const queueName = options.queueName ?? 'nm-datasets';
  const prefix = options.prefix ?? 'bull';
  const attempts = options.attempts ?? 3;
  const onError = options.onError ?? (() => {});
  // Adds should fail rather than wait forever while Redis is away; the worker's blocking reads must not
  // give up (BullMQ requires maxRetriesPerRequest: null there).
  const connections = createRedisConnections(options.redisUrl, onError);
  const queueConnection = connections.open({ maxRetriesPerRequest: 3 });
  const queue = new Queue<DatasetTask>(queueName, {
    connection: queueConnection,
    prefix,
    defaultJobOptions: {
      attempts,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 },
      // Finished jobs are removed so that a key can be added again (a dataset re-run after a restart).
      removeOnComplete: true,
      removeOnFail: true,
    },
  });
  queue.on('error', onError);

  let worker: Worker<DatasetTask> | undefined;
  /** Running handlers of this process by job id, so that close() can abort them and wait for them. */
  const running = new Map<string, { controller: AbortController; ended: Promise<unknown> }>();
  let closing: Promise<void> | undefined;

  async function runJob(
    job: Job<DatasetTask>,
    token: string | undefined,
    handler: (task: DatasetTask, signal: AbortSignal) => Promise<void>,
  ): Promise<void> {
    const controller = new AbortController();
    const jobId = job.id ?? '';
    const ended = handler(job.data, controller.signal);
    running.set(jobId, { controller, ended });
    try {
      await ended;
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      running.delete(jobId);
    }
    if (controller.signal.aborted) {
      // Stopped by close(), not done: back to waiting, without using up an attempt, for another gateway
      // now or this one after its restart. Handlers are idempotent (finished items are never redone).
      await job.moveToWait(token);
      throw new WaitingError();
    }
  }

  return {
    kind: 'redis',
    async add(key, task) {
      // A job with this id that is waiting, delayed (a retry) or active makes the add a no-op.
      await queue.add(task.kind, task, { jobId: toJobId(key) });
    },
    work(handler, concurrency) {
      if (worker || closing) throw new Error('work() may be called once, before close()');
      worker = new Worker<DatasetTask>(queueName, (job, token) => runJob(job, token, handler), {
        connection: connections.open({ maxRetriesPerRequest: null }),
        prefix,
        concurrency,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        maxStalledCount: options.maxStalledCount ?? 2,
      });
      worker.on('error', onError);
      worker.on('failed', (job, error) => {
        // 'failed' fires for every failed attempt; only the last one gives the task up.
        if (!job) return;
        const lastAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
        if (lastAttempt || error.name === 'UnrecoverableError') options.onFailed?.(job.data, error);
      });
    },
    close(graceMs = DEFAULT_CLOSE_GRACE_MS) {
      closing ??= (async () => {
        const abortTimer = setTimeout(() => {
          for (const { controller } of running.values()) controller.abort(new Error('work queue closing'));
        }, graceMs);
        // Takes no new task and waits for the running ones (aborted above once the grace is over).
        const workerClosed = (worker?.close() ?? Promise.resolve()).then(
          () => true,
          (error: unknown) => {
            onError(error);
            return true;
          },
        );
        const handlersEnded = Promise.allSettled([...running.values()].map(({ ended }) => ended));
        let closedCleanly: boolean;
        try {
          closedCleanly = await Promise.race([
            workerClosed,
            handlersEnded.then(() => sleep(WORKER_SETTLE_MS)).then(() => false),
          ]);
        } finally {
          clearTimeout(abortTimer);
        }
        if (closedCleanly) {
          await queue.close().catch(onError);
          await connections.closeAll();
          return;
        }
        // Redis is away: the worker still waits to record what its handlers did. The shutdown does not
        // wait with it: the unrecorded tasks stay active in Redis and are taken over once their lock
        // expires (the handlers are idempotent).
        onError(new Error('work queue closed without reaching Redis'));
        await connections.abandon();
      })();
      return closing;
    },
  };
}

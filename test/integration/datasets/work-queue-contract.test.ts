import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createBullmqWorkQueue } from '../../../src/datasets/queue/bullmq-queue.js';
import { createMemoryQueue } from '../../../src/datasets/queue/memory-queue.js';
import type { DatasetTask, WorkQueue } from '../../../src/datasets/types.js';
import { registerCleanup } from '../../support/cleanup.js';
import { startRedis } from '../../support/redis.js';

const redis = await startRedis();
const root = fileURLToPath(new URL('../../..', import.meta.url));
const childWorker = fileURLToPath(new URL('./fixtures/queue-worker.ts', import.meta.url));

interface QueueOptions {
  /** Queues created with the same name share their tasks (where the implementation can share). */
  name: string;
  onFailed?: (task: DatasetTask, error: unknown) => void;
}

interface QueueUnderTest {
  kind: WorkQueue['kind'];
  /** Several instances (processes) work one queue, and a dead one's task is taken over. */
  shared: boolean;
  create(options: QueueOptions): WorkQueue;
}

const implementations: QueueUnderTest[] = [
  {
    kind: 'memory',
    shared: false,
    create: ({ onFailed }) => createMemoryQueue({ attempts: 3, ...(onFailed ? { onFailed } : {}) }),
  },
  {
    kind: 'redis',
    shared: true,
    create: ({ name, onFailed }) =>
      createBullmqWorkQueue({
        redisUrl: redis.url,
        queueName: name,
        attempts: 3,
        backoffMs: 10,
        lockDurationMs: 1000,
        stalledIntervalMs: 300,
        ...(onFailed ? { onFailed } : {}),
      }),
  },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const chunk = (k: number, datasetId = 'ds_test'): DatasetTask => ({ kind: 'chunk', datasetId, chunk: k });

describe.each(implementations)('work queue contract: $kind', (implementation) => {
  // Cases only a shared (Redis) implementation can meet: not registered at all for the others, so no
  // run reports a skipped test.
  const sharedOnly = (name: string, fn: () => Promise<void>, timeout?: number): void => {
    if (implementation.shared) it(name, fn, timeout);
  };
  const open: WorkQueue[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((queue) => queue.close(0)));
  });
  function createQueue(options: Partial<QueueOptions> = {}): WorkQueue {
    const queue = implementation.create({ name: `nm-datasets-test-${randomUUID()}`, ...options });
    open.push(queue);
    return queue;
  }

  it('names its kind', () => {
    expect(createQueue().kind).toBe(implementation.kind);
  });

  it('runs a task once, with the task as added', async () => {
    const queue = createQueue();
    const seen: DatasetTask[] = [];
    queue.work(async (task) => void seen.push(task), 2);
    await queue.add('plan:ds_a', { kind: 'plan', datasetId: 'ds_a' });
    await until(() => seen.length > 0, 'the task to run');
    await queue.close();
    expect(seen).toEqual([{ kind: 'plan', datasetId: 'ds_a' }]);
  });

  it('runs tasks added before work() started', async () => {
    const queue = createQueue();
    for (const k of [0, 1, 2]) await queue.add(`ds_test:chunk:${k}`, chunk(k));
    const seen: number[] = [];
    queue.work(async (task) => void seen.push(task.kind === 'chunk' ? task.chunk : -1), 1);
    await until(() => seen.length === 3, 'three tasks to run');
    expect(seen.sort()).toEqual([0, 1, 2]);
  });

  it('runs a key added twice while queued once', async () => {
    const queue = createQueue();
    await queue.add('ds_test:chunk:7', chunk(7));
    await queue.add('ds_test:chunk:7', chunk(7));
    await queue.add('ds_test:chunk:8', chunk(8));
    const seen: number[] = [];
    queue.work(async (task) => void seen.push(task.kind === 'chunk' ? task.chunk : -1), 1);
    await until(() => seen.includes(7) && seen.includes(8), 'both keys to run');
    await queue.close();
    expect(seen.sort()).toEqual([7, 8]);
  });

  it('does not add a key again while its task runs, but does once it finished', async () => {
    const queue = createQueue();
    const release = deferred();
    let runs = 0;
    queue.work(async () => {
      runs += 1;
      if (runs === 1) await release.promise;
    }, 2);
    await queue.add('ds_test:chunk:1', chunk(1));
    await until(() => runs === 1, 'the first run');
    await queue.add('ds_test:chunk:1', chunk(1));
    // The same worker has a free slot: a second run would start now if the add had queued one.
    await sleep(300);
    expect(runs).toBe(1);
    release.resolve();
    // The finished task is forgotten right after its handler returns; until then an add is still a no-op.
    for (let tries = 0; runs < 2 && tries < 50; tries++) {
      await queue.add('ds_test:chunk:1', chunk(1));
      await sleep(50);
    }
    expect(runs).toBe(2);
  });

  it('runs at most `concurrency` handlers at once in one process', async () => {
    const queue = createQueue();
    const release = deferred();
    let running = 0;
    let mostAtOnce = 0;
    let finished = 0;
    queue.work(async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await release.promise;
      running -= 1;
      finished += 1;
    }, 2);
    for (const k of [0, 1, 2, 3, 4, 5]) await queue.add(`ds_test:chunk:${k}`, chunk(k));
    await until(() => running === 2, 'two handlers to run');
    await sleep(300);
    expect(running).toBe(2);
    release.resolve();
    await until(() => finished === 6, 'every task to finish');
    expect(mostAtOnce).toBe(2);
  });

  it('retries a throwing handler, then reports the task once as failed', async () => {
    const failed: Array<{ task: DatasetTask; error: unknown }> = [];
    const queue = createQueue({ onFailed: (task, error) => failed.push({ task, error }) });
    let runs = 0;
    queue.work(async () => {
      runs += 1;
      throw new Error(`broken run ${runs}`);
    }, 1);
    await queue.add('ds_test:chunk:3', chunk(3));
    await until(() => failed.length > 0, 'the task to be given up');
    await sleep(200);
    expect(runs).toBe(3);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.task).toEqual(chunk(3));
    expect(failed[0]?.error).toBeInstanceOf(Error);
    expect((failed[0]?.error as Error | undefined)?.message).toBe('broken run 3');
  });

  it('runs a task again after a throw and does not report it when a retry succeeds', async () => {
    const failed: DatasetTask[] = [];
    const queue = createQueue({ onFailed: (task) => failed.push(task) });
    let runs = 0;
    let succeeded = false;
    queue.work(async () => {
      runs += 1;
      if (runs === 1) throw new Error('transient');
      succeeded = true;
    }, 1);
    await queue.add('ds_test:chunk:4', chunk(4));
    await until(() => succeeded, 'the retry to succeed');
    await queue.close();
    expect(runs).toBe(2);
    expect(failed).toEqual([]);
  });

  it('close() lets a handler that finishes within the grace finish, without aborting it', async () => {
    const queue = createQueue();
    let signal: AbortSignal | undefined;
    let finished = false;
    queue.work(async (_task, taskSignal) => {
      signal = taskSignal;
      await sleep(200);
      finished = true;
    }, 1);
    await queue.add('ds_test:chunk:5', chunk(5));
    await until(() => signal !== undefined, 'the handler to start');
    await queue.close(5000);
    expect(finished).toBe(true);
    expect(signal?.aborted).toBe(false);
  });

  it('close() aborts running handlers after the grace and waits for them to end', async () => {
    const queue = createQueue();
    let abortedAfterMs: number | undefined;
    let started = false;
    let ended = false;
    queue.work(async (_task, signal) => {
      started = true;
      const startedAt = Date.now();
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      abortedAfterMs = Date.now() - startedAt;
      // Cleaning up after the abort takes a while: close() must wait for it.
      await sleep(150);
      ended = true;
    }, 1);
    await queue.add('ds_test:chunk:6', chunk(6));
    await until(() => started, 'the handler to start');
    await queue.close(300);
    expect(ended).toBe(true);
    // Aborted by the grace running out, not at once.
    expect(abortedAfterMs).toBeGreaterThanOrEqual(250);
  });

  sharedOnly('shares tasks between queues of one name', async () => {
    const name = `nm-datasets-test-${randomUUID()}`;
    const [a, b] = [createQueue({ name }), createQueue({ name })] as const;
    const release = deferred();
    const byWorker = { a: [] as number[], b: [] as number[] };
    const handlerOf = (worker: 'a' | 'b') => async (task: DatasetTask) => {
      byWorker[worker].push(task.kind === 'chunk' ? task.chunk : -1);
      await release.promise;
    };
    a.work(handlerOf('a'), 1);
    b.work(handlerOf('b'), 1);
    await a.add('ds_test:chunk:0', chunk(0));
    await b.add('ds_test:chunk:1', chunk(1));
    // Each worker holds one task at a time, so two waiting tasks need both of them.
    await until(() => byWorker.a.length === 1 && byWorker.b.length === 1, 'one task on each worker');
    release.resolve();
    expect([...byWorker.a, ...byWorker.b].sort()).toEqual([0, 1]);
  });

  sharedOnly('hands a task stopped by close() to another worker', async () => {
    const name = `nm-datasets-test-${randomUUID()}`;
    const [first, second] = [createQueue({ name }), createQueue({ name })] as const;
    let firstStarted = false;
    first.work(async (_task, signal) => {
      firstStarted = true;
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    }, 1);
    await first.add('ds_test:chunk:9', chunk(9));
    await until(() => firstStarted, 'the first worker to take the task');
    await first.close(50);
    const seen: DatasetTask[] = [];
    second.work(async (task) => void seen.push(task), 1);
    await until(() => seen.length > 0, 'the second worker to run the task');
    expect(seen).toEqual([chunk(9)]);
  });

  sharedOnly('takes over the task of a worker process killed mid-task', async () => {
    const name = `nm-datasets-test-${randomUUID()}`;
    const survivor = createQueue({ name });
    await survivor.add('ds_test:chunk:11', chunk(11));
    const child = spawnWorker(name);
    const started = await child.line((line) => line.startsWith('started '));
    expect(JSON.parse(started.slice('started '.length))).toEqual(chunk(11));
    await child.kill9();
    const seen: DatasetTask[] = [];
    survivor.work(async (task) => void seen.push(task), 1);
    // Lock of 1 s, stalled checks every 300 ms: the task is waiting again within a few seconds.
    await until(() => seen.length > 0, 'the survivor to take the task over', 15_000);
    expect(seen).toEqual([chunk(11)]);
  });
});

describe('redis work queue during a Redis outage', () => {
  it('close() returns, having aborted its running handler, while Redis is down', async () => {
    const own = await startRedis();
    const errors: unknown[] = [];
    const queue = createBullmqWorkQueue({
      redisUrl: own.url,
      queueName: `nm-datasets-test-${randomUUID()}`,
      onError: (error) => errors.push(error),
    });
    let aborted = false;
    let started = false;
    queue.work(async (_task, signal) => {
      started = true;
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      aborted = true;
    }, 1);
    await queue.add('ds_test:chunk:0', chunk(0));
    await until(() => started, 'the handler to start');
    await own.kill();
    // Resolves (the suite's timeout would fail it otherwise) although nothing can reach Redis any more.
    await queue.close(100);
    expect(aborted).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
  });
});

function spawnWorker(queueName: string): {
  line(match: (line: string) => boolean): Promise<string>;
  kill9(): Promise<void>;
} {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', childWorker], {
    cwd: root,
    env: { ...process.env, REDIS_URL: redis.url, QUEUE_NAME: queueName },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let buffered = '';
  child.stdout?.on('data', (data: Buffer) => {
    buffered += data.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  registerCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    async line(match) {
      await until(() => lines.some(match), 'the worker process to print a line', 20_000);
      return lines.find(match) ?? '';
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

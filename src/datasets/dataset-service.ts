import type { DiskCache } from '../disk/disk-cache.js';
import { CacheNotConfiguredError } from '../disk/download-errors.js';
import { NotFoundError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { NeuroMorphoClient } from '../upstream/client-types.js';
import { failJob, runChunk } from './chunk-runner.js';
import { readAllStates } from './completion.js';
import { createDataset } from './create-dataset.js';
import { isDatasetId } from './dataset-id.js';
import { chunkItems, itemsPage } from './dataset-items.js';
import { itemError } from './item-outcome.js';
import { chunkTaskKey, type JobContext, planTaskKey } from './job-context.js';
import { runPlan } from './planner.js';
import { createProgressNotifier } from './progress-notifier.js';
import { toSnapshot } from './snapshot.js';
import { createDatasetStore, type DatasetStore } from './store/dataset-store.js';
import type { StoredDataset } from './store/stored-types.js';
import {
  type DatasetService,
  type DatasetSnapshot,
  type DatasetTask,
  FINAL_DATASET_STATUSES,
  type ProgressBus,
  type WorkQueue,
} from './types.js';
import { watchDataset } from './watch-dataset.js';

/** Tasks this process runs at once: the planner of one job beside the chunks of another, say. */
const TASKS_AT_ONCE = 2;

export interface DatasetServiceOptions {
  /** CACHE_DIR; null when the on-disk cache is disabled (then every job operation is CACHE_NOT_CONFIGURED). */
  root: string | null;
  client: NeuroMorphoClient;
  diskCache: DiskCache;
  queue: WorkQueue;
  bus: ProgressBus;
  /** DATASET_MAX_NEURONS. @default 10000 */
  maxNeurons: number;
  /** DOWNLOAD_CONCURRENCY. @default 4 */
  downloadConcurrency: number;
  logger: Logger;
  /** How long close() lets running neurons finish before it stops waiting for them. @default 10000 */
  graceMs?: number;
}

export interface DatasetServiceHandle extends DatasetService {
  /** For the queue's onFailed: a task that failed every attempt fails its job, saying why. */
  taskFailed(task: DatasetTask, error: unknown): void;
}

export function createDatasetService(options: DatasetServiceOptions): DatasetServiceHandle {
  const { root, queue, bus, logger } = options;
  const store: DatasetStore | null = root === null ? null : createDatasetStore(root);
  const notifier = createProgressNotifier(bus);
  const stopping = new AbortController();
  const context: JobContext | null =
    root === null || store === null
      ? null
      : {
          root,
          store,
          client: options.client,
          diskCache: options.diskCache,
          queue,
          stopping: stopping.signal,
          downloadConcurrency: options.downloadConcurrency,
          progressed: notifier.progressed,
          statusChanged: notifier.statusChanged,
          logger,
        };

  function contextOrThrow(): JobContext {
    if (context === null) throw new CacheNotConfiguredError();
    return context;
  }

  async function readRecord(id: string): Promise<StoredDataset | null> {
    if (store === null || !isDatasetId(id)) return null;
    return store.read(id);
  }

  async function snapshotOf(record: StoredDataset): Promise<DatasetSnapshot> {
    return toSnapshot(record, await readAllStates(store as DatasetStore, record), Date.now());
  }

  async function get(id: string): Promise<DatasetSnapshot | null> {
    const record = await readRecord(id);
    return record === null ? null : snapshotOf(record);
  }

  async function recordOrThrow(id: string): Promise<StoredDataset> {
    const record = await readRecord(id);
    if (record === null) throw new NotFoundError(`there is no dataset ${id}`, { datasetId: id });
    return record;
  }

  async function handle(task: DatasetTask, signal: AbortSignal): Promise<void> {
    const jobs = contextOrThrow();
    if (task.kind === 'plan') await runPlan(jobs, task.datasetId, signal);
    else await runChunk(jobs, task.datasetId, task.chunk, signal);
  }

  /** Puts back on the queue what a job still needs; the task keys make this safe to repeat. */
  async function resume(record: StoredDataset): Promise<void> {
    if (record.status === 'QUEUED') {
      await queue.add(planTaskKey(record.id), { kind: 'plan', datasetId: record.id });
      return;
    }
    if (record.status !== 'RUNNING') return;
    const states = await readAllStates(store as DatasetStore, record);
    for (const [k, state] of states.entries()) {
      // A chunk whose items have all finished still runs: it marks the job DONE if nothing else does.
      if (state.items.some((item) => item === null) || k === states.length - 1) {
        await queue.add(chunkTaskKey(record.id, k), { kind: 'chunk', datasetId: record.id, chunk: k });
      }
    }
  }

  async function cancel(id: string): Promise<DatasetSnapshot> {
    const jobs = contextOrThrow();
    await recordOrThrow(id);
    const updated = await jobs.store.update(id, (current) =>
      FINAL_DATASET_STATUSES.has(current.status)
        ? null
        : { ...current, status: 'CANCELLED', finishedAt: new Date().toISOString() },
    );
    if (updated === null) throw new NotFoundError(`there is no dataset ${id}`, { datasetId: id });
    notifier.statusChanged(id);
    return snapshotOf(updated);
  }

  return {
    async create(input, caller) {
      const jobs = contextOrThrow();
      const record = await createDataset(
        { store: jobs.store, client: jobs.client, queue, maxNeurons: options.maxNeurons, logger },
        input,
        caller.clientKey,
      );
      notifier.statusChanged(record.id);
      return snapshotOf(record);
    },
    get,
    async list() {
      if (store === null) return [];
      const records = await Promise.all((await store.listIds()).map((id) => store.read(id)));
      const found = records.filter((record): record is StoredDataset => record !== null);
      found.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
      return Promise.all(found.map(snapshotOf));
    },
    async items(id, first, after) {
      return itemsPage(store as DatasetStore, await recordOrThrow(id), first, after);
    },
    async *allItems(id) {
      const record = await recordOrThrow(id);
      for (let k = 0; k < record.chunkCount; k++) yield* await chunkItems(store as DatasetStore, record, k);
    },
    cancel,
    async delete(id, removeFiles) {
      const jobs = contextOrThrow();
      const record = await readRecord(id);
      if (record === null) return false;
      if (!FINAL_DATASET_STATUSES.has(record.status)) await cancel(id);
      if (removeFiles) {
        // Only folders this job fetched: a neuron it found complete (SKIPPED) was someone else's.
        for (let k = 0; k < record.chunkCount; k++) {
          for (const item of await chunkItems(jobs.store, record, k)) {
            if (item.status === 'DONE') await jobs.diskCache.remove(item.neuronId);
          }
        }
      }
      await jobs.store.remove(id);
      notifier.statusChanged(id);
      return true;
    },
    watch: (id, signal) => watchDataset(id, bus, get, signal),
    async start() {
      if (context === null || store === null) return;
      queue.work(handle, TASKS_AT_ONCE);
      for (const id of await store.listIds()) {
        const record = await store.read(id).catch(() => null);
        if (record !== null) await resume(record);
      }
    },
    taskFailed(task, error) {
      logger.error({ err: error, task }, 'dataset task failed on every attempt');
      if (context !== null) void failJob(context, task.datasetId, itemError(error)).catch(() => undefined);
    },
    async close() {
      stopping.abort();
      await queue.close(options.graceMs ?? 10_000);
      notifier.close();
      await bus.close();
    },
  };
}

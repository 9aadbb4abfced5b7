import { setTimeout as sleep } from 'node:timers/promises';
import { mapWithConcurrency } from '../util/concurrency.js';
import { chunkLength } from './chunks.js';
import { completeIfFinished } from './completion.js';
import { failedItem, finishedItem, itemError } from './item-outcome.js';
import { DATASET_CLIENT_KEY, type JobContext } from './job-context.js';
import type { PlannedNeuron } from './store/dataset-store.js';
import type { ChunkState, ItemState } from './store/stored-types.js';

/** Resolves once the signal aborts: one listener for the whole chunk, raced by every download. */
function abortedOf(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(undefined);
    else signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
}

/** Writing a DISK_FULL verdict on a volume that is still full: tries, and the wait between them. */
const DISK_FULL_ATTEMPTS = 10;
const DISK_FULL_RETRY_MS = 200;
const isDiskFull = (error: unknown) => (error as { code?: unknown } | null)?.code === 'DISK_FULL';

/**
 * The chunk task: every neuron of chunk `chunk` not finished yet, DOWNLOAD_CONCURRENCY at once, each
 * under its neuron lock (DiskCache.download takes it). The state file is rewritten after every item,
 * so a crash loses at most the items running then (their files were never complete). Stops before the
 * next neuron once the job is no longer RUNNING (cancelled, failed) or the gateway shuts down.
 */
export async function runChunk(
  context: JobContext,
  datasetId: string,
  chunk: number,
  signal: AbortSignal,
): Promise<void> {
  const { store } = context;
  const record = await store.read(datasetId);
  if (record === null || record.status !== 'RUNNING') return;
  const plan = await store.readPlan(datasetId, chunk);
  if (plan === null || plan.length !== chunkLength(record.total, chunk)) {
    throw new Error(`dataset ${datasetId}: plan of chunk ${chunk} is missing or does not match`);
  }
  const state: ChunkState = await store.readState(datasetId, chunk, plan.length);
  let saving = Promise.resolve();
  // One writer per chunk file: items finishing together are written one after the other.
  const record_ = (index: number, item: ItemState) => {
    state.items[index] = item;
    saving = saving.then(() => store.writeState(datasetId, chunk, state));
    return saving;
  };
  let stopped = false;
  // Shutting down: a running download is no longer waited for (it finishes, or the disk cache aborts it).
  const aborted = abortedOf(signal);
  const pending = plan.flatMap((_, index) => (state.items[index] === null ? [index] : []));

  await mapWithConcurrency(pending, context.downloadConcurrency, async (index) => {
    if (stopped || signal.aborted || context.stopping.aborted) return;
    const current = await store.read(datasetId);
    if (current?.status !== 'RUNNING') {
      stopped = true;
      return;
    }
    const planned = plan[index] as PlannedNeuron;
    const startedAt = new Date().toISOString();
    let item: ItemState | undefined;
    try {
      const result = await Promise.race([
        aborted,
        context.diskCache.download({
          neuron: planned.neuron,
          mode: record.input.mode,
          overwrite: record.input.overwrite,
          dryRun: false,
          loadMeasurement: async () =>
            planned.measurementFailed
              ? context.client.getMeasurement(planned.neuron.neuronId, { clientKey: DATASET_CLIENT_KEY })
              : planned.measurement,
        }),
      ]);
      // Shutting down: left unrecorded, so the next run fetches it again (nothing partial stays).
      if (result === undefined) return;
      item = await finishedItem(context.root, result, startedAt);
    } catch (error) {
      if (signal.aborted) return;
      if (isDiskFull(error)) {
        stopped = true;
        await failJob(context, datasetId, { code: 'DISK_FULL', message: (error as Error).message });
        return;
      }
      item = failedItem(planned.neuron.neuronId, itemError(error), startedAt);
      context.logger.warn(
        { datasetId, neuronId: planned.neuron.neuronId, code: item.error?.code },
        'dataset neuron failed',
      );
    }
    try {
      await record_(index, item);
    } catch (error) {
      // The file is whole, its state could not be written: the job fails as for a file.
      if (!isDiskFull(error)) throw error;
      stopped = true;
      await failJob(context, datasetId, { code: 'DISK_FULL', message: (error as Error).message });
      return;
    }
    context.progressed(datasetId);
  });
  // A state write that failed for a full disk has failed the job above already.
  await saving.catch((error: unknown) => {
    if (!isDiskFull(error)) throw error;
  });
  if (!stopped && !signal.aborted) await completeIfFinished(context, datasetId);
}

/** The job as a whole failed (a full disk, a task that failed every attempt). */
export async function failJob(
  context: JobContext,
  datasetId: string,
  error: { code: string; message: string },
): Promise<void> {
  const diskFull = error.code === 'DISK_FULL';
  const fail = () =>
    context.store.update(
      datasetId,
      (current) =>
        current.status === 'QUEUED' || current.status === 'RUNNING'
          ? { ...current, status: 'FAILED', error, finishedAt: new Date().toISOString() }
          : null,
      // Room to write the verdict: the job's reserve (dataset-store.ts).
      { inReserve: diskFull },
    );
  let updated: Awaited<ReturnType<typeof fail>>;
  if (diskFull) {
    // Without a reserve (used up, or a file system that cannot overwrite in place), what the downloads
    // failing alongside this one give back as they remove their temporary files.
    for (let attempt = 1; ; attempt++) {
      try {
        updated = await fail();
        break;
      } catch (writeError) {
        if (!isDiskFull(writeError) || attempt === DISK_FULL_ATTEMPTS) throw writeError;
        await sleep(DISK_FULL_RETRY_MS);
      }
    }
  } else {
    updated = await fail();
  }
  if (updated?.status === 'FAILED') context.statusChanged(datasetId);
}

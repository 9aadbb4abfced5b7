import { chunkLength } from './chunks.js';
import type { JobContext } from './job-context.js';
import type { DatasetStore } from './store/dataset-store.js';
import type { ChunkState, StoredDataset } from './store/stored-types.js';

/** Every chunk's item states, in order (empty before the plan). */
export function readAllStates(store: DatasetStore, record: StoredDataset): Promise<ChunkState[]> {
  return Promise.all(
    Array.from({ length: record.chunkCount }, (_, k) =>
      store.readState(record.id, k, chunkLength(record.total, k)),
    ),
  );
}

const isComplete = (states: readonly ChunkState[]) =>
  states.every((state) => state.items.every((item) => item !== null));

/**
 * Marks the job DONE once every item of every chunk has finished. Any chunk may be the last to finish,
 * on any gateway: the check and the change happen under dataset.json's lock, so it happens once.
 */
export async function completeIfFinished(context: JobContext, datasetId: string): Promise<void> {
  const record = await context.store.read(datasetId);
  if (record?.status !== 'RUNNING' || !isComplete(await readAllStates(context.store, record))) return;
  const updated = await context.store.update(datasetId, (current) =>
    current.status === 'RUNNING'
      ? { ...current, status: 'DONE', finishedAt: new Date().toISOString() }
      : null,
  );
  if (updated?.status === 'DONE') context.statusChanged(datasetId);
}

import type { ChunkState, StoredDataset } from './store/stored-types.js';
import { type DatasetSnapshot, FINAL_DATASET_STATUSES } from './types.js';

/** The job as shown: dataset.json plus the counts and bytes its chunk states add up to, and an ETA. */
export function toSnapshot(
  record: StoredDataset,
  states: readonly ChunkState[],
  now: number,
): DatasetSnapshot {
  let done = 0;
  let skipped = 0;
  let failed = 0;
  let bytes = 0;
  for (const state of states) {
    for (const item of state.items) {
      if (item === null) continue;
      if (item.status === 'DONE') done++;
      else if (item.status === 'SKIPPED') skipped++;
      else failed++;
      bytes += item.bytes;
    }
  }
  const finished = done + skipped + failed;
  const remaining = Math.max(0, record.total - finished);
  const elapsedSeconds = record.startedAt === null ? 0 : (now - Date.parse(record.startedAt)) / 1000;
  const etaSeconds =
    FINAL_DATASET_STATUSES.has(record.status) || finished === 0 || record.status !== 'RUNNING'
      ? null
      : (elapsedSeconds / finished) * remaining;
  return {
    id: record.id,
    name: record.name,
    status: record.status,
    input: record.input,
    total: record.total,
    done,
    skipped,
    failed,
    bytes,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    etaSeconds,
    error: record.error,
  };
}

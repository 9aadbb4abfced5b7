import { BadUserInputError } from '../errors.js';
import { chunkLength, DATASET_CHUNK_SIZE } from './chunks.js';
import type { DatasetStore } from './store/dataset-store.js';
import type { StoredDataset } from './store/stored-types.js';
import type { DatasetItem, DatasetItemsPage } from './types.js';

/** The most items one page holds. */
export const MAX_ITEMS_PAGE = 500;

/** The items of one chunk, in plan order, with their states. */
export async function chunkItems(
  store: DatasetStore,
  record: StoredDataset,
  chunk: number,
): Promise<DatasetItem[]> {
  const plan = (await store.readPlan(record.id, chunk)) ?? [];
  const state = await store.readState(record.id, chunk, chunkLength(record.total, chunk));
  return plan.map(({ neuron, measurement }, index) => {
    const item = state.items[index] ?? null;
    return {
      neuronId: neuron.neuronId,
      status: item?.status ?? 'PENDING',
      error: item?.error ?? null,
      files: item?.files ?? [],
      metadataPath: item?.metadataPath ?? null,
      neuron,
      measurement,
    };
  });
}

function startOf(after: string | null): number {
  if (after === null) return 0;
  if (!/^\d{1,9}$/.test(after))
    throw new BadUserInputError('after is not a cursor of this list', { argumentName: 'after' });
  return Number(after);
}

/** Items [after, after + first) in plan order; the cursor is the position of the next item. */
export async function itemsPage(
  store: DatasetStore,
  record: StoredDataset,
  first: number,
  after: string | null,
): Promise<DatasetItemsPage> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_ITEMS_PAGE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_ITEMS_PAGE} (got ${first})`, {
      argumentName: 'first',
    });
  }
  const start = startOf(after);
  const planned = record.chunkCount === 0 ? 0 : record.total;
  const end = Math.min(planned, start + first);
  const items: DatasetItem[] = [];
  for (let k = Math.floor(start / DATASET_CHUNK_SIZE); k * DATASET_CHUNK_SIZE < end; k++) {
    const offset = k * DATASET_CHUNK_SIZE;
    for (const [i, item] of (await chunkItems(store, record, k)).entries()) {
      if (offset + i >= start && offset + i < end) items.push(item);
    }
  }
  return { items, nextCursor: end < planned ? String(end) : null };
}

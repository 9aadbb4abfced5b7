/** Neurons per chunk: one task on the queue, one plan file and one state file. */
export const DATASET_CHUNK_SIZE = 50;

/** How many neurons chunk `chunk` of a plan of `total` holds. */
export function chunkLength(total: number, chunk: number): number {
  return Math.max(0, Math.min(DATASET_CHUNK_SIZE, total - chunk * DATASET_CHUNK_SIZE));
}

export function chunkCountOf(total: number): number {
  return Math.ceil(total / DATASET_CHUNK_SIZE);
}

/** Splits a plan into chunks, in order. */
export function toChunks<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += DATASET_CHUNK_SIZE)
    chunks.push(items.slice(i, i + DATASET_CHUNK_SIZE));
  return chunks;
}

import { BadUserInputError, EmptyDatasetError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { NeuroMorphoClient } from '../upstream/client-types.js';
import { MAX_PAGE_SIZE } from '../upstream/client-types.js';
import { newDatasetId } from './dataset-id.js';
import { planTaskKey } from './job-context.js';
import type { DatasetStore } from './store/dataset-store.js';
import type { StoredDataset, StoredFirstPage } from './store/stored-types.js';
import type { DatasetInput, WorkQueue } from './types.js';
import { defaultName, type ResolvedInput, validateInput } from './validate-input.js';

export interface CreateContext {
  store: DatasetStore;
  client: NeuroMorphoClient;
  queue: WorkQueue;
  maxNeurons: number;
  logger: Logger;
}

const statusOf = (error: unknown) => (error as { status?: unknown } | null)?.status;

/** What createDataset fetches before any job exists: the id list's records, or the search's first page. */
async function firstPageOf(
  context: CreateContext,
  resolved: ResolvedInput,
  limit: number,
  clientKey: string,
): Promise<StoredFirstPage> {
  if (resolved.kind === 'ids') {
    const batch = await context.client.getNeurons(resolved.ids, { clientKey });
    const [failure] = batch.failed.values();
    if (failure) throw failure;
    if (batch.missing.length > 0)
      context.logger.info({ missing: batch.missing }, 'dataset ids NeuroMorpho does not have');
    const neurons = resolved.ids.flatMap((id) => {
      const neuron = batch.found.get(id);
      return neuron ? [neuron.raw] : [];
    });
    if (neurons.length === 0) throw new EmptyDatasetError('NeuroMorpho has none of these neurons');
    return { neurons, totalElements: neurons.length, pageSize: null };
  }
  const size = Math.min(MAX_PAGE_SIZE, limit);
  try {
    const page = await context.client.searchNeurons({ ...resolved.search, page: 0, size }, { clientKey });
    if (page.totalElements === 0 || page.items.length === 0) {
      throw new EmptyDatasetError('the search matches no neuron');
    }
    return {
      neurons: page.items.map((neuron) => neuron.raw),
      totalElements: page.totalElements,
      pageSize: size,
    };
  } catch (error) {
    // NeuroMorpho refuses a query it cannot parse with 400: the caller's input, not an outage.
    if (statusOf(error) === 400)
      throw new BadUserInputError(`NeuroMorpho refused the search: ${(error as Error).message}`);
    throw error;
  }
}

/**
 * createDataset: every check that can fail does before anything is stored, so bad input or an empty
 * match leaves no job behind; then the job is stored QUEUED, with the first page kept for the planner.
 */
export async function createDataset(
  context: CreateContext,
  input: DatasetInput,
  clientKey: string,
): Promise<StoredDataset> {
  const resolved = validateInput(input, context.maxNeurons);
  const first = await firstPageOf(context, resolved, input.limit, clientKey);
  const record: StoredDataset = {
    id: newDatasetId(),
    name: input.name?.trim() || defaultName(input),
    status: 'QUEUED',
    input,
    createdAt: new Date().toISOString(),
    startedAt: null,
    finishedAt: null,
    error: null,
    total: Math.min(input.limit, first.totalElements),
    chunkCount: 0,
  };
  await context.store.create(record);
  await context.store.writeFirstPage(record.id, first);
  await context.queue.add(planTaskKey(record.id), { kind: 'plan', datasetId: record.id });
  return record;
}

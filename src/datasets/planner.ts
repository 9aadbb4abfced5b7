import { toNeuron } from '../neuromorpho/neuron.js';
import type { NeuronRecord } from '../neuromorpho/types.js';
import { toChunks } from './chunks.js';
import { chunkTaskKey, DATASET_CLIENT_KEY, type JobContext } from './job-context.js';
import type { PlannedPayload, StoredDataset, StoredFirstPage } from './store/stored-types.js';
import { validateInput } from './validate-input.js';

/**
 * The rest of the search after the first page createDataset fetched: pages of the same size, in
 * neuron_id order, each neuron once however often NeuroMorpho lists it (the reference's iter_search
 * does the same), up to the limit.
 */
async function resolveNeurons(
  context: JobContext,
  record: StoredDataset,
  first: StoredFirstPage,
  signal: AbortSignal,
): Promise<NeuronRecord[]> {
  const seen = new Map<number, NeuronRecord>();
  const keep = (neurons: readonly NeuronRecord[]) => {
    for (const neuron of neurons) if (!seen.has(neuron.neuronId)) seen.set(neuron.neuronId, neuron);
  };
  keep(first.neurons.map((raw) => toNeuron(raw)));
  const { limit } = record.input;
  const resolved = validateInput(record.input, Number.MAX_SAFE_INTEGER);
  if (first.pageSize !== null && resolved.kind === 'search') {
    const size = first.pageSize;
    for (let page = 1; seen.size < limit && page * size < first.totalElements; page++) {
      signal.throwIfAborted();
      const answer = await context.client.searchNeurons(
        { ...resolved.search, page, size },
        { clientKey: DATASET_CLIENT_KEY, signal },
      );
      if (answer.items.length === 0) break;
      keep(answer.items);
    }
  }
  return [...seen.values()].slice(0, limit);
}

/** Measurements in batches of 500 ids (one request each); a neuron without one gets null. */
async function planOf(context: JobContext, neurons: NeuronRecord[], signal: AbortSignal) {
  const batch = await context.client.getMeasurements(
    neurons.map((neuron) => neuron.neuronId),
    { clientKey: DATASET_CLIENT_KEY, signal },
  );
  // A batch that failed for some ids leaves them to the download, which asks for each itself.
  return neurons.map(
    (neuron): PlannedPayload => ({
      neuron: neuron.raw,
      measurement: batch.found.get(neuron.neuronId)?.raw ?? null,
      ...(batch.failed.has(neuron.neuronId) ? { measurementFailed: true } : {}),
    }),
  );
}

/**
 * The plan task: the neuron list, its measurements, one plan file per chunk, then the job RUNNING with
 * its total, and a task per chunk. Run again after a crash it writes the same plan (plan files are
 * written before the job says it has them).
 */
export async function runPlan(context: JobContext, datasetId: string, signal: AbortSignal): Promise<void> {
  const record = await context.store.read(datasetId);
  if (record === null || record.status !== 'QUEUED') return;
  const first = await context.store.readFirstPage(datasetId);
  if (first === null) throw new Error(`dataset ${datasetId} has no first page stored`);
  const neurons = await resolveNeurons(context, record, first, signal);
  const chunks = toChunks(await planOf(context, neurons, signal));
  for (const [k, planned] of chunks.entries()) await context.store.writePlan(datasetId, k, planned);
  const now = new Date().toISOString();
  const updated = await context.store.update(datasetId, (current) =>
    current.status !== 'QUEUED'
      ? null
      : { ...current, status: 'RUNNING', total: neurons.length, chunkCount: chunks.length, startedAt: now },
  );
  if (updated?.status !== 'RUNNING') return;
  context.statusChanged(datasetId);
  for (let k = 0; k < chunks.length; k++) {
    await context.queue.add(chunkTaskKey(datasetId, k), { kind: 'chunk', datasetId, chunk: k });
  }
}

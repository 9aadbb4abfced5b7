import { CliFailure, GatewayAnswerError } from './cli-errors.js';
import { DATASET, DATASET_PROGRESS, type DatasetView, FINAL_STATUSES } from './documents.js';
import type { GatewayClient } from './gateway-client.js';

export const POLL_INTERVAL_MS = 500;

export interface FollowOptions {
  signal: AbortSignal;
  /** Told once when the live stream could not be used and polling took over. */
  onFallback(reason: string): void;
}

/**
 * The dataset's snapshots until it reaches a final status: from the datasetProgress subscription over
 * SSE, or, when that stream cannot be had or breaks off, from dataset(id) every 500 ms. Ends early
 * (without an error) when the signal aborts.
 */
export async function* followDataset(
  client: GatewayClient,
  id: string,
  options: FollowOptions,
): AsyncGenerator<DatasetView> {
  let last: DatasetView | null = null;
  try {
    for await (const data of client.subscribe<{ datasetProgress: DatasetView }>(
      DATASET_PROGRESS,
      { id },
      options.signal,
    )) {
      last = data.datasetProgress;
      yield last;
      if (FINAL_STATUSES.has(last.status)) return;
    }
    options.onFallback('the progress stream ended before the dataset did');
  } catch (error) {
    if (options.signal.aborted) return;
    if (!canPollInstead(error)) throw error;
    options.onFallback((error as Error).message);
  }
  yield* poll(client, id, options.signal);
}

/** A broken stream, or a gateway whose schema has no subscription: dataset(id) still answers. */
function canPollInstead(error: unknown): boolean {
  if (error instanceof GatewayAnswerError) return error.code === 'GRAPHQL_VALIDATION_FAILED';
  return error instanceof CliFailure || error instanceof TypeError;
}

async function* poll(client: GatewayClient, id: string, signal: AbortSignal): AsyncGenerator<DatasetView> {
  while (!signal.aborted) {
    const { dataset } = await client.request<{ dataset: DatasetView | null }>(DATASET, { id });
    if (dataset === null) throw new CliFailure('NOT_FOUND', `the gateway has no dataset ${id} any more`);
    yield dataset;
    if (FINAL_STATUSES.has(dataset.status)) return;
    await sleep(POLL_INTERVAL_MS, signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

import type { DiskCache } from '../disk/disk-cache.js';
import type { Logger } from '../logger.js';
import type { NeuroMorphoClient } from '../upstream/client-types.js';
import type { DatasetStore } from './store/dataset-store.js';
import type { WorkQueue } from './types.js';

/** What the planner and the chunk runner work with. */
export interface JobContext {
  root: string;
  store: DatasetStore;
  client: NeuroMorphoClient;
  diskCache: DiskCache;
  queue: WorkQueue;
  /** Aborted when the gateway starts shutting down: no new neuron is started after that. */
  stopping: AbortSignal;
  /** Neurons of one chunk downloaded at once (DOWNLOAD_CONCURRENCY). */
  downloadConcurrency: number;
  /** Something changed that watchers should see (throttled). */
  progressed(datasetId: string): void;
  /** The status changed (told at once). */
  statusChanged(datasetId: string): void;
  logger: Logger;
}

/** The upstream budget serves clients in turn: jobs queue as a client of their own. */
export const DATASET_CLIENT_KEY = 'datasets';

export const planTaskKey = (datasetId: string) => `${datasetId}:plan`;
export const chunkTaskKey = (datasetId: string, chunk: number) => `${datasetId}:chunk:${chunk}`;

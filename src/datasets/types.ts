/**
 * Datasets: a search (or a list of ids) turned into a local dataset in one job. The shapes every part of
 * the feature shares: the job as stored and shown, its items, the queue that runs its tasks and the bus
 * that tells watchers something changed.
 */
import type {
  DownloadMode,
  FileKind,
  MeasurementRecord,
  NeuronFilter,
  NeuronRecord,
} from '../neuromorpho/types.js';

export type DatasetStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';
export const FINAL_DATASET_STATUSES: ReadonlySet<DatasetStatus> = new Set(['DONE', 'FAILED', 'CANCELLED']);

/** DONE: fetched now; SKIPPED: already complete on disk, nothing fetched; FAILED: with its error. */
export type DatasetItemStatus = 'PENDING' | 'DONE' | 'SKIPPED' | 'FAILED';

export interface DatasetError {
  /** A stable SCREAMING_SNAKE code (NOT_FOUND, UPSTREAM_UNAVAILABLE, DISK_FULL, ...). */
  code: string;
  message: string;
}

export interface DatasetInput {
  /** Exactly one of `ids` or a search (q / fq / filter); a search without any clause matches everything. */
  ids: readonly number[] | null;
  q: string | null;
  fq: readonly string[] | null;
  filter: NeuronFilter | null;
  /** 1..DATASET_MAX_NEURONS; at most this many neurons (the first ones in neuron_id order). */
  limit: number;
  mode: DownloadMode;
  overwrite: boolean;
  /** Shown name; defaults to a description of the search. */
  name: string | null;
}

export interface DatasetSnapshot {
  /** URL-safe, unguessable enough not to collide (e.g. `ds_` + 16 hex digits). */
  id: string;
  name: string;
  status: DatasetStatus;
  input: DatasetInput;
  /** Neurons in the dataset (known once the list is resolved; before that the search total, capped by limit). */
  total: number;
  done: number;
  skipped: number;
  failed: number;
  /** Bytes of the files fetched now for this dataset. */
  bytes: number;
  /** ISO 8601. */
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Remaining items x mean seconds per finished item so far; null before the first or once final. */
  etaSeconds: number | null;
  /** Why the job failed as a whole (DISK_FULL, ...); null otherwise. */
  error: DatasetError | null;
}

export interface DatasetFile {
  kind: FileKind;
  filename: string;
  /** Relative to the cache root, `/`-separated (the path inside the zip too). */
  relativePath: string;
  bytes: number | null;
  /** Of the file on disk when the item finished. */
  sha256: string | null;
}

export interface DatasetItem {
  neuronId: number;
  status: DatasetItemStatus;
  error: DatasetError | null;
  /** Files of the item on disk (empty until it finished). */
  files: DatasetFile[];
  /** Relative to the cache root, null until finished. */
  metadataPath: string | null;
  /** The neuron record and measurement as the plan resolved them (what the manifest shows). */
  neuron: NeuronRecord;
  measurement: MeasurementRecord | null;
}

export interface DatasetItemsPage {
  items: DatasetItem[];
  /** Pass as `after` for the next page; null on the last. */
  nextCursor: string | null;
}

/** What GraphQL, the routes and the CLI use. Every method throws GatewayFailure subclasses (src/errors.ts). */
export interface DatasetService {
  /**
   * Validates the input (limit bounds, ids, filter compiled), resolves the first page of the search (so an
   * invalid filter or an empty match fails here, before any job exists), stores the job QUEUED and queues it.
   */
  create(input: DatasetInput, caller: { clientKey: string }): Promise<DatasetSnapshot>;
  get(id: string): Promise<DatasetSnapshot | null>;
  /** Newest first. */
  list(): Promise<DatasetSnapshot[]>;
  /** Items in plan order (neuron_id ascending). */
  items(id: string, first: number, after: string | null): Promise<DatasetItemsPage>;
  /** Every item, in plan order, read a chunk at a time (for manifests and the zip). */
  allItems(id: string): AsyncIterable<DatasetItem>;
  /** Stops new downloads; finished ones stay. A final job is returned unchanged. */
  cancel(id: string): Promise<DatasetSnapshot>;
  /** Cancels if running, removes the job's state; with removeFiles also the neuron folders only it fetched. */
  delete(id: string, removeFiles: boolean): Promise<boolean>;
  /** The current snapshot, then one per change (in order, coalesced), ending after a final status. */
  watch(id: string, signal: AbortSignal): AsyncIterable<DatasetSnapshot>;
  /** Resumes unfinished jobs found in the cache root, starts working the queue. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A unit of work on the queue. `key` makes adding idempotent: a task with a queued or running key is not added again. */
export type DatasetTask =
  | { kind: 'plan'; datasetId: string }
  | { kind: 'chunk'; datasetId: string; chunk: number };

export interface WorkQueue {
  readonly kind: 'memory' | 'redis';
  add(key: string, task: DatasetTask): Promise<void>;
  /**
   * Starts running tasks, at most `concurrency` at once in this process. A handler that throws has its
   * task retried (up to `attempts`, then dropped and reported through onFailed). A task whose process
   * died is run again by a live process (Redis: after the lock expires).
   */
  work(handler: (task: DatasetTask, signal: AbortSignal) => Promise<void>, concurrency: number): void;
  /** Stops taking tasks, aborts running handlers' signals after graceMs, waits for them. */
  close(graceMs?: number): Promise<void>;
}

/** Tells watchers in any gateway (Redis pub/sub when shared) that a dataset changed. */
export interface ProgressBus {
  publish(datasetId: string): Promise<void>;
  /** Yields once per publish for that dataset (possibly coalesced) until the signal aborts. */
  subscribe(datasetId: string, signal: AbortSignal): AsyncIterable<void>;
  close(): Promise<void>;
}

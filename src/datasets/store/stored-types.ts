import type { DatasetError, DatasetFile, DatasetInput, DatasetItemStatus, DatasetStatus } from '../types.js';

/** dataset.json: the fields of a job that are not derived from its chunk states. */
export interface StoredDataset {
  id: string;
  name: string;
  status: DatasetStatus;
  input: DatasetInput;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: DatasetError | null;
  /** Before planning: the search total capped by the limit; after: the neurons planned. */
  total: number;
  /** 0 until the plan is written. */
  chunkCount: number;
}

/** first-page.json: what createDataset already fetched, so the planner does not ask again. */
export interface StoredFirstPage {
  /** Neuron payloads as NeuroMorpho sent them, in order. */
  neurons: unknown[];
  totalElements: number;
  /** The page size asked for; later pages use the same (null for an id list: nothing more to fetch). */
  pageSize: number | null;
}

/** One neuron of a chunk plan, as payloads (number forms kept), mapped again when read. */
export interface PlannedPayload {
  neuron: unknown;
  measurement: unknown | null;
  /** The batch could not answer for this neuron: its download asks for the measurement itself. */
  measurementFailed?: boolean;
}

/** What became of one neuron of a chunk; absent (null) until it finished. */
export interface ItemState {
  neuronId: number;
  status: Exclude<DatasetItemStatus, 'PENDING'>;
  error: DatasetError | null;
  files: DatasetFile[];
  metadataPath: string | null;
  /** Bytes fetched now for this item (0 when everything was kept). */
  bytes: number;
  startedAt: string;
  finishedAt: string;
}

/** k.state.json: one entry per planned neuron, in plan order. */
export interface ChunkState {
  items: Array<ItemState | null>;
}

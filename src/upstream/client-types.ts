import type { MeasurementRecord, NeuronRecord, SearchPage, SiteUrls } from '../neuromorpho/types.js';

export interface SearchParams {
  /** Raw `q`; with neither q nor fq the documented list endpoint `/api/neuron` is used. */
  q?: string | null;
  /** Repeated `fq` filters; every one must match. */
  fq?: readonly string[] | null;
  /** Zero-based. @default 0 */
  page?: number;
  /** 1..500. @default 20 */
  size?: number;
  /** `field` or `field,asc|desc`. @default 'neuron_id,asc' */
  sort?: string;
}

/** One result per asked id: found, known missing, or failed with a typed error. */
export interface BatchResult<T> {
  found: Map<number, T>;
  missing: number[];
  failed: Map<number, Error>;
}

export interface FieldCount {
  value: string;
  count: number;
}

export interface CallOptions {
  /** Extra request headers, e.g. a request id. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Told when an answer came from an expired cache entry because NeuroMorpho failed. */
  onStale?: () => void;
  /** Whose request this is (the rate limiter's key), for the upstream budget's fair queue. */
  clientKey?: string;
}

export interface NeuroMorphoClient {
  readonly site: SiteUrls;
  searchNeurons(params: SearchParams, options?: CallOptions): Promise<SearchPage<NeuronRecord>>;
  getNeuron(id: number, options?: CallOptions): Promise<NeuronRecord>;
  getNeuronByName(name: string, options?: CallOptions): Promise<NeuronRecord>;
  getNeurons(ids: readonly number[], options?: CallOptions): Promise<BatchResult<NeuronRecord>>;
  getMeasurement(id: number, options?: CallOptions): Promise<MeasurementRecord>;
  getMeasurements(ids: readonly number[], options?: CallOptions): Promise<BatchResult<MeasurementRecord>>;
  getFieldNames(options?: CallOptions): Promise<string[]>;
  getFieldValues(field: string, options?: CallOptions): Promise<string[]>;
  getFieldCounts(field: string, options?: CallOptions): Promise<FieldCount[]>;
}

/** The most ids NeuroMorpho answers in one select page. */
export const MAX_PAGE_SIZE = 500;

import type { ShollPoint, SvgOptions } from '../morphology/index.js';
import type { MorphologyAnalysis } from '../morphology-pool/analysis.js';
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
  /**
   * getMeasurements's answer for one id without waiting, when this process holds it fresh (the memory
   * store, Redis's L1): the record, null for a remembered "not found"; undefined when it must be asked.
   */
  peekMeasurement(id: number): MeasurementRecord | null | undefined;
  getFieldNames(options?: CallOptions): Promise<string[]>;
  getFieldValues(field: string, options?: CallOptions): Promise<string[]>;
  getFieldCounts(field: string, options?: CallOptions): Promise<FieldCount[]>;
  /**
   * The parsed standard SWC file; null for a neuron without one (no archive). A 404 for the file is
   * UpstreamNotFoundError; an oversized file MORPHOLOGY_TOO_LARGE.
   */
  getMorphology(neuron: NeuronRecord, options?: CallOptions): Promise<Morphology | null>;
  /**
   * getMorphology's answer without waiting, when it needs no I/O: null for a neuron without a file, the
   * parsed file while this process keeps it fresh; undefined when getMorphology must be asked.
   */
  peekMorphology(neuron: NeuronRecord): Morphology | null | undefined;
}

/** One neuron's analysed standard file, with its drawings made (and cached) on demand. */
export interface Morphology {
  analysis: MorphologyAnalysis;
  svg(options: Required<SvgOptions>): Promise<string>;
  /** The same drawing rasterised at its own size. */
  png(options: Required<SvgOptions>): Promise<Uint8Array>;
  sholl(stepUm: number): Promise<ShollPoint[]>;
}

/** A value as the response cache holds it. */
export interface CachedAnswer<T> {
  /** The stored value (upstream JSON, or null for a remembered "not found"). */
  v: T;
  /** Fresh until, ms since the epoch; after that it is served only when upstream fails. */
  f: number;
}

/**
 * The response cache the client reads through (src/cache/response-store.ts keeps it in keyv). It never
 * throws and never waits long: a failing store reads as empty and drops what it is given.
 */
export interface ResponseCache {
  getMany<T>(keys: readonly string[]): Promise<Array<CachedAnswer<T> | undefined>>;
  /**
   * The entry under `key` when this process holds it (the memory store, Redis's L1), without waiting;
   * undefined when it would have to be read (or is not there). Expired entries count as not held.
   */
  peek<T>(key: string): CachedAnswer<T> | undefined;
  /** Stores each value fresh for its own time. */
  setMany(entries: ReadonlyArray<{ key: string; value: unknown; freshMs: number }>): Promise<void>;
}

/** One cache lookup: fresh (`hit`), not usable (`miss`), or expired and served because upstream failed. */
export type CacheEvent = 'hit' | 'miss' | 'stale';

/** The most ids NeuroMorpho answers in one select page. */
export const MAX_PAGE_SIZE = 500;

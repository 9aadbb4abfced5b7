import { toMeasurement } from '../neuromorpho/measurement.js';
import { toNeuron } from '../neuromorpho/neuron.js';
import type { PayloadIssueReporter } from '../neuromorpho/payload-issues.js';
import type { MeasurementRecord, NeuronRecord, RawPayload, SearchPage } from '../neuromorpho/types.js';
import type {
  BatchResult,
  CallOptions,
  FieldCount,
  NeuroMorphoClient,
  SearchParams,
} from '../upstream/client-types.js';
import { UpstreamError, UpstreamNotFoundError } from '../upstream/errors.js';
import type { Envelope } from './envelope.js';
import { cacheKeys } from './keys.js';
import type { ResponseStore } from './response-store.js';
import type { CacheTtls } from './ttl.js';

export interface CacheStats {
  hits: number;
  misses: number;
  stale: number;
}

export interface CachedClient extends NeuroMorphoClient {
  stats(): CacheStats;
}

interface CachedPage {
  items: RawPayload[];
  page: number;
  size: number;
  totalPages: number;
  totalElements: number;
  queryUrl: string;
}

/** A remembered "not found": null, stored briefly. */
type Maybe<T> = T | null;

/**
 * The NeuroMorpho client with a shared response cache in front: fresh entries answer without an
 * upstream request; records from batches and search pages are stored per neuron id; an expired entry
 * is served (and the answer marked stale) when NeuroMorpho fails.
 */
export interface CachedClientOptions {
  now?: () => number;
  /** Told of every lookup, for metrics. */
  onEvent?: (event: 'hit' | 'miss' | 'stale') => void;
  /** Told of upstream values answered as null when a cached record is mapped (see PayloadIssue). */
  onPayloadIssue?: PayloadIssueReporter;
}

export function createCachedClient(
  inner: NeuroMorphoClient,
  store: ResponseStore,
  ttls: CacheTtls,
  options: CachedClientOptions = {},
): CachedClient {
  const now = options.now ?? Date.now;
  // The memory store hands back the very payload objects it holds, so each is mapped once, not per
  // request (Redis returns new objects, which simply miss here).
  const neurons = new WeakMap<RawPayload, NeuronRecord>();
  const measurements = new WeakMap<RawPayload, MeasurementRecord>();
  const neuronOf = (raw: RawPayload): NeuronRecord => {
    const known = neurons.get(raw);
    if (known) return known;
    const record = toNeuron(raw);
    neurons.set(raw, record);
    return record;
  };
  const measurementOf = (raw: RawPayload, id: number): MeasurementRecord => {
    const known = measurements.get(raw);
    if (known) return known;
    const record = toMeasurement(raw, id, options.onPayloadIssue);
    measurements.set(raw, record);
    return record;
  };
  const counts: CacheStats = { hits: 0, misses: 0, stale: 0 };
  const count = (event: 'hit' | 'miss' | 'stale') => {
    if (event === 'hit') counts.hits++;
    else if (event === 'miss') counts.misses++;
    else counts.stale++;
    options.onEvent?.(event);
  };
  const isFresh = (entry: Envelope<unknown>) => entry.f > now();

  async function readThrough<T>(
    key: string,
    freshMs: number,
    load: () => Promise<T>,
    call: CallOptions | undefined,
  ): Promise<T> {
    const [entry] = await store.getMany<T>([key]);
    if (entry !== undefined && isFresh(entry)) {
      count('hit');
      return entry.v;
    }
    count('miss');
    try {
      const value = await load();
      await store.setMany([{ key, value, freshMs }]);
      return value;
    } catch (error) {
      if (
        entry !== undefined &&
        error instanceof UpstreamError &&
        !(error instanceof UpstreamNotFoundError)
      ) {
        count('stale');
        call?.onStale?.();
        return entry.v;
      }
      throw error;
    }
  }

  /** Reads a record that may be remembered as absent; absent -> UpstreamNotFoundError, as upstream says. */
  async function record(key: string, url: string, load: () => Promise<RawPayload>, call?: CallOptions) {
    const raw = await readThrough<Maybe<RawPayload>>(
      key,
      ttls.recordMs,
      async () => {
        try {
          return await load();
        } catch (error) {
          if (!(error instanceof UpstreamNotFoundError)) throw error;
          await store.setMany([{ key, value: null, freshMs: ttls.notFoundMs }]);
          throw error;
        }
      },
      call,
    );
    if (raw === null) throw new UpstreamNotFoundError(url);
    return raw;
  }

  function storeNeurons(neurons: readonly NeuronRecord[]) {
    return store.setMany(
      neurons.map((neuron) => ({
        key: cacheKeys.neuron(neuron.neuronId),
        value: neuron.raw,
        freshMs: ttls.recordMs,
      })),
    );
  }

  /** Shared by neurons and measurements: fresh entries from the cache, the rest in one upstream batch. */
  async function batch<T>(
    ids: readonly number[],
    key: (id: number) => string,
    fetchMissing: (ids: number[]) => Promise<BatchResult<T>>,
    rawOf: (item: T) => RawPayload,
    fromRaw: (raw: RawPayload, id: number) => T,
    call?: CallOptions,
  ): Promise<BatchResult<T>> {
    const unique = [...new Set(ids)];
    const entries = await store.getMany<Maybe<RawPayload>>(unique.map(key));
    const result: BatchResult<T> = { found: new Map(), missing: [], failed: new Map() };
    const toFetch: number[] = [];
    unique.forEach((id, index) => {
      const entry = entries[index];
      if (entry !== undefined && isFresh(entry)) {
        count('hit');
        if (entry.v === null) result.missing.push(id);
        else result.found.set(id, fromRaw(entry.v, id));
      } else {
        count('miss');
        toFetch.push(id);
      }
    });
    if (toFetch.length === 0) return result;
    const fetched = await fetchMissing(toFetch);
    await store.setMany([
      ...[...fetched.found].map(([id, item]) => ({
        key: key(id),
        value: rawOf(item),
        freshMs: ttls.recordMs,
      })),
      ...fetched.missing.map((id) => ({ key: key(id), value: null, freshMs: ttls.notFoundMs })),
    ]);
    for (const [id, item] of fetched.found) result.found.set(id, item);
    result.missing.push(...fetched.missing);
    for (const [id, error] of fetched.failed) {
      const stale = entries[unique.indexOf(id)];
      if (stale !== undefined && stale.v !== null && error instanceof UpstreamError) {
        count('stale');
        call?.onStale?.();
        result.found.set(id, fromRaw(stale.v, id));
      } else {
        result.failed.set(id, error);
      }
    }
    return result;
  }

  return {
    site: inner.site,
    stats: () => ({ ...counts }),

    async searchNeurons(params: SearchParams, call?: CallOptions): Promise<SearchPage<NeuronRecord>> {
      const key = cacheKeys.search({ ...params, fq: params.fq ?? [] });
      let fetched: SearchPage<NeuronRecord> | undefined;
      const page = await readThrough<CachedPage>(
        key,
        ttls.searchMs,
        async () => {
          fetched = await inner.searchNeurons(params, call);
          return { ...fetched, items: fetched.items.map((item) => item.raw) };
        },
        call,
      );
      if (fetched) {
        await storeNeurons(fetched.items);
        return fetched;
      }
      return { ...page, items: page.items.map(neuronOf) };
    },

    async getNeuron(id: number, call?: CallOptions) {
      const url = `${inner.site.api}/neuron/id/${id}`;
      return neuronOf(
        await record(cacheKeys.neuron(id), url, async () => (await inner.getNeuron(id, call)).raw, call),
      );
    },

    async getNeuronByName(name: string, call?: CallOptions) {
      const key = cacheKeys.neuronName(name);
      const url = `${inner.site.api}/neuron/name/${encodeURIComponent(name)}`;
      const raw = await record(
        key,
        url,
        async () => {
          const neuron = await inner.getNeuronByName(name, call);
          await storeNeurons([neuron]);
          return neuron.raw;
        },
        call,
      );
      return neuronOf(raw);
    },

    getNeurons: (ids, call) =>
      batch(
        ids,
        cacheKeys.neuron,
        (missing) => inner.getNeurons(missing, call),
        (neuron) => neuron.raw,
        neuronOf,
        call,
      ),

    async getMeasurement(id: number, call?: CallOptions): Promise<MeasurementRecord> {
      const url = `${inner.site.api}/morphometry/id/${id}`;
      const load = async () => (await inner.getMeasurement(id, call)).raw;
      return measurementOf(await record(cacheKeys.measurement(id), url, load, call), id);
    },

    getMeasurements: (ids, call) =>
      batch(
        ids,
        cacheKeys.measurement,
        (missing) => inner.getMeasurements(missing, call),
        (measurement) => measurement.raw,
        measurementOf,
        call,
      ),

    getFieldNames: (call) =>
      readThrough(cacheKeys.fieldNames(), ttls.fieldsMs, () => inner.getFieldNames(call), call),
    getFieldValues: (field, call) =>
      readThrough(cacheKeys.fieldValues(field), ttls.fieldsMs, () => inner.getFieldValues(field, call), call),
    getFieldCounts: (field, call) =>
      readThrough<FieldCount[]>(
        cacheKeys.fieldCounts(field),
        ttls.fieldsMs,
        () => inner.getFieldCounts(field, call),
        call,
      ),
  };
}

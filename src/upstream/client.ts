import { toMeasurement } from '../neuromorpho/measurement.js';
import { toNeuron } from '../neuromorpho/neuron.js';
import { toMeasurementPageRecords, toNeuronPageRecords, toPageCount } from '../neuromorpho/page-records.js';
import { ignorePayloadIssues, type PayloadIssueReporter } from '../neuromorpho/payload-issues.js';
import { percentEncode } from '../neuromorpho/percent-encode.js';
import type { MeasurementRecord, NeuronRecord, SearchPage, SiteUrls } from '../neuromorpho/types.js';
import { mapWithConcurrency } from '../util/concurrency.js';
import type {
  BatchResult,
  CallOptions,
  FieldCount,
  NeuroMorphoClient,
  SearchParams,
} from './client-types.js';
import { MAX_PAGE_SIZE } from './client-types.js';
import {
  UpstreamBadPayloadError,
  UpstreamHttpError,
  UpstreamNotFoundError,
  UpstreamTooLargeError,
} from './errors.js';
import type { UpstreamHttp } from './http.js';
import { chunk, embeddedList, expectObject, isObject, pageInfo } from './payload.js';
import { isRetryableStatus } from './retry-policy.js';

export interface NeuroMorphoClientOptions {
  site: SiteUrls;
  http: UpstreamHttp;
  /** Parallel per-id requests when a batch must fall back to them. @default 4 */
  fallbackConcurrency?: number;
  /** Told of upstream values answered as null and page records left out, for the log. */
  onPayloadIssue?: PayloadIssueReporter;
}

/** Upper bound on pages read for one field's value list (NeuroMorpho answers it in one page). */
const MAX_FIELD_PAGES = 50;

export function createNeuroMorphoClient(options: NeuroMorphoClientOptions): NeuroMorphoClient {
  const { site, http } = options;
  const fallbackConcurrency = options.fallbackConcurrency ?? 4;
  const report = options.onPayloadIssue ?? ignorePayloadIssues;

  function apiUrl(path: string, query?: URLSearchParams): string {
    const search = query && [...query.keys()].length > 0 ? `?${query.toString()}` : '';
    return `${site.api}${path}${search}`;
  }

  async function getObject(url: string, call?: CallOptions) {
    return expectObject(await http.getJson(url, call), url);
  }

  function mapNeuron(raw: unknown, url: string): NeuronRecord {
    try {
      return toNeuron(expectObject(raw, url));
    } catch (error) {
      if (error instanceof UpstreamBadPayloadError) throw error;
      throw new UpstreamBadPayloadError(200, url, (error as Error).message);
    }
  }

  function mapMeasurement(raw: unknown, url: string, fallbackId?: number): MeasurementRecord {
    try {
      return toMeasurement(raw, fallbackId, report);
    } catch (error) {
      throw new UpstreamBadPayloadError(200, url, (error as Error).message);
    }
  }

  async function searchNeurons(params: SearchParams, call?: CallOptions): Promise<SearchPage<NeuronRecord>> {
    const page = params.page ?? 0;
    const size = params.size ?? 20;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      throw new RangeError(`size must be an integer in 1..${MAX_PAGE_SIZE} (got ${size})`);
    }
    if (!Number.isInteger(page) || page < 0)
      throw new RangeError(`page must be an integer >= 0 (got ${page})`);
    const fq = [...(params.fq ?? [])];
    // Without q, the first filter is promoted to q: the form the real select endpoint is known to accept.
    const q = params.q ?? fq.shift() ?? null;
    const query = new URLSearchParams();
    if (q !== null) query.append('q', q);
    for (const clause of fq) query.append('fq', clause);
    query.append('page', String(page));
    query.append('size', String(size));
    query.append('sort', params.sort ?? 'neuron_id,asc');
    const url = apiUrl(q === null ? '/neuron' : '/neuron/select', query);
    const body = await getObject(url, call);
    const items = toNeuronPageRecords(embeddedList(body, 'neuronResources', url), report);
    const info = pageInfo(body);
    return {
      items,
      page: toPageCount(info.number, 'page.number', report),
      size: toPageCount(info.size, 'page.size', report),
      totalPages: toPageCount(info.totalPages, 'page.totalPages', report),
      totalElements: toPageCount(info.totalElements ?? items.length, 'page.totalElements', report),
      queryUrl: url,
    };
  }

  async function getNeuron(id: number, call?: CallOptions): Promise<NeuronRecord> {
    const url = apiUrl(`/neuron/id/${id}`);
    return mapNeuron(await http.getJson(url, call), url);
  }

  async function getNeuronByName(name: string, call?: CallOptions): Promise<NeuronRecord> {
    const url = apiUrl(`/neuron/name/${percentEncode(name)}`);
    return mapNeuron(await http.getJson(url, call), url);
  }

  function idSelectUrl(path: string, field: string, ids: readonly number[]): string {
    const query = new URLSearchParams({
      q: `${field}:${ids.join(',')}`,
      page: '0',
      size: String(ids.length),
    });
    return apiUrl(path, query);
  }

  async function getNeurons(ids: readonly number[], call?: CallOptions): Promise<BatchResult<NeuronRecord>> {
    const result = emptyBatch<NeuronRecord>();
    for (const group of chunk(uniqueIds(ids), MAX_PAGE_SIZE)) {
      const url = idSelectUrl('/neuron/select', 'neuron_id', group);
      try {
        const body = await getObject(url, call);
        for (const neuron of toNeuronPageRecords(embeddedList(body, 'neuronResources', url), report)) {
          if (group.includes(neuron.neuronId)) result.found.set(neuron.neuronId, neuron);
        }
        for (const id of group) if (!result.found.has(id)) result.missing.push(id);
      } catch (error) {
        for (const id of group) result.failed.set(id, error as Error);
      }
    }
    return result;
  }

  async function getMeasurement(id: number, call?: CallOptions): Promise<MeasurementRecord> {
    const url = apiUrl(`/morphometry/id/${id}`);
    return mapMeasurement(await http.getJson(url, call), url, id);
  }

  /** Per-id requests for ids a batch did not answer: batching must never make an answer wrong. */
  async function fillPerId(ids: number[], result: BatchResult<MeasurementRecord>, call?: CallOptions) {
    await mapWithConcurrency(ids, fallbackConcurrency, async (id) => {
      try {
        result.found.set(id, await getMeasurement(id, call));
      } catch (error) {
        if (error instanceof UpstreamNotFoundError) result.missing.push(id);
        else result.failed.set(id, error as Error);
      }
    });
  }

  async function getMeasurements(
    ids: readonly number[],
    call?: CallOptions,
  ): Promise<BatchResult<MeasurementRecord>> {
    const result = emptyBatch<MeasurementRecord>();
    for (const group of chunk(uniqueIds(ids), MAX_PAGE_SIZE)) {
      const url = idSelectUrl('/morphometry/select', 'neuron_id', group);
      try {
        const body = await getObject(url, call);
        // A record that cannot be mapped is left out here and asked for on its own below.
        for (const measurement of toMeasurementPageRecords(embeddedList(body, 'measurements', url), report)) {
          if (group.includes(measurement.neuronId)) result.found.set(measurement.neuronId, measurement);
        }
      } catch (error) {
        if (!isPermanentBatchFailure(error)) {
          for (const id of group) result.failed.set(id, error as Error);
          continue;
        }
      }
      await fillPerId(
        group.filter((id) => !result.found.has(id)),
        result,
        call,
      );
    }
    result.missing.sort((a, b) => a - b);
    return result;
  }

  async function getFieldNames(call?: CallOptions): Promise<string[]> {
    const url = apiUrl('/neuron/fields');
    const body = await getObject(url, call);
    const names = body['Neuron Fields'];
    if (!Array.isArray(names)) throw new UpstreamBadPayloadError(200, url, 'missing "Neuron Fields" list');
    return names.filter((name): name is string => typeof name === 'string');
  }

  async function getFieldValues(field: string, call?: CallOptions): Promise<string[]> {
    const values: string[] = [];
    for (let page = 0; page < MAX_FIELD_PAGES; page++) {
      const query = page === 0 ? undefined : new URLSearchParams({ page: String(page) });
      const url = apiUrl(`/neuron/fields/${percentEncode(field)}`, query);
      const body = await getObject(url, call);
      if (!Array.isArray(body.fields)) throw new UpstreamBadPayloadError(200, url, 'missing "fields" list');
      for (const value of body.fields) if (typeof value === 'string') values.push(value);
      if (page + 1 >= pageInfo(body).totalPages) break;
    }
    return values;
  }

  async function getFieldCounts(field: string, call?: CallOptions): Promise<FieldCount[]> {
    const url = apiUrl(`/neuron/partition/${percentEncode(field)}`);
    const body = await getObject(url, call);
    if (!isObject(body.fields)) throw new UpstreamBadPayloadError(200, url, 'missing "fields" object');
    return Object.entries(body.fields)
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
      .map(([value, count]) => ({ value, count: toPageCount(count, `fields.${value}`, report) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  return {
    site,
    searchNeurons,
    getNeuron,
    getNeuronByName,
    getNeurons,
    getMeasurement,
    getMeasurements,
    getFieldNames,
    getFieldValues,
    getFieldCounts,
  };
}

function emptyBatch<T>(): BatchResult<T> {
  return { found: new Map(), missing: [], failed: new Map() };
}

function uniqueIds(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

/** A batch answer that retrying will not change (a 4xx, or a payload we cannot read). */
function isPermanentBatchFailure(error: unknown): boolean {
  // An oversized batch fails its ids as it is: splitting it into per-id requests would multiply the load
  // a misbehaving upstream already causes, hundreds of requests for one refused answer.
  if (error instanceof UpstreamTooLargeError) return false;
  if (error instanceof UpstreamBadPayloadError) return true;
  return error instanceof UpstreamHttpError && error.status >= 400 && !isRetryableStatus(error.status);
}

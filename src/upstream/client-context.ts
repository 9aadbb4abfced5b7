import type { CacheTtls } from '../cache/ttl.js';
import type { PayloadIssueReporter } from '../neuromorpho/payload-issues.js';
import type { RawPayload, SiteUrls } from '../neuromorpho/types.js';
import { type BatchResult, type CallOptions, MAX_PAGE_SIZE } from './client-types.js';
import type { UpstreamHttp } from './http.js';
import { chunk, expectObject } from './payload.js';
import type { ReadThrough } from './read-through.js';

/** What every group of operations of the client shares: where NeuroMorpho is, and the cache in front. */
export interface ClientContext {
  http: UpstreamHttp;
  cache: ReadThrough;
  ttls: CacheTtls;
  report: PayloadIssueReporter;
  /** `{site.api}{path}?{query}`: every request is built from the configured base, never from a payload. */
  apiUrl(path: string, query?: URLSearchParams): string;
  /** The JSON object at `url`; anything else is an UpstreamBadPayloadError. */
  getObject(url: string, call?: CallOptions): Promise<RawPayload>;
}

export function createClientContext(
  site: SiteUrls,
  parts: Pick<ClientContext, 'http' | 'cache' | 'ttls' | 'report'>,
): ClientContext {
  return {
    ...parts,
    apiUrl(path, query) {
      const search = query && [...query.keys()].length > 0 ? `?${query.toString()}` : '';
      return `${site.api}${path}${search}`;
    },
    getObject: async (url, call) => expectObject(await parts.http.getJson(url, call), url),
  };
}

/**
 * Records by neuron id from `{path}?q=neuron_id:1,2,3&page=0&size=3`, asked for in pages of up to 500
 * ids, one page after the other: `settle` gets each page's ids with the records it held for them, or
 * with the error the page failed with.
 */
export async function selectByIds<R extends { neuronId: number }>(
  context: ClientContext,
  path: string,
  ids: readonly number[],
  call: CallOptions | undefined,
  readPage: (body: RawPayload, url: string) => R[],
  settle: (group: number[], answer: Map<number, R> | Error) => Promise<void> | void,
): Promise<void> {
  for (const group of chunk(ids, MAX_PAGE_SIZE)) {
    const query = new URLSearchParams({
      q: `neuron_id:${group.join(',')}`,
      page: '0',
      size: String(group.length),
    });
    const url = context.apiUrl(path, query);
    let answer: Map<number, R> | Error;
    try {
      const asked = new Set(group);
      const records = readPage(await context.getObject(url, call), url);
      answer = new Map(records.filter((r) => asked.has(r.neuronId)).map((r) => [r.neuronId, r]));
    } catch (error) {
      answer = error as Error;
    }
    await settle(group, answer);
  }
}

/**
 * Maps each stored payload once: the memory store hands back the very objects it holds, and a record
 * just fetched is kept as it was mapped, so a hit maps nothing; Redis returns new objects, mapped as they
 * come.
 */
export function createRecordMemo<R extends { raw: RawPayload }>(map: (raw: RawPayload, id?: number) => R) {
  const known = new WeakMap<RawPayload, R>();
  return {
    of(raw: RawPayload, id?: number): R {
      let record = known.get(raw);
      if (record === undefined) {
        record = map(raw, id);
        known.set(raw, record);
      }
      return record;
    },
    keep(record: R): R {
      known.set(record.raw, record);
      return record;
    },
  };
}

export function emptyBatch<T>(): BatchResult<T> {
  return { found: new Map(), missing: [], failed: new Map() };
}

/** The same batch with its payloads mapped to records. */
export function mapFound<T>(
  batch: BatchResult<RawPayload>,
  map: (raw: RawPayload, id: number) => T,
): BatchResult<T> {
  const found = new Map<number, T>();
  for (const [id, raw] of batch.found) found.set(id, map(raw, id));
  return { found, missing: batch.missing, failed: batch.failed };
}

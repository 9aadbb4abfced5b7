import { cacheKeys } from '../cache/keys.js';
import { toNeuron } from '../neuromorpho/neuron.js';
import { toNeuronPageRecords, toPageCount } from '../neuromorpho/page-records.js';
import { percentEncode } from '../neuromorpho/percent-encode.js';
import type { NeuronRecord, RawPayload, SearchPage } from '../neuromorpho/types.js';
import { type ClientContext, createRecordMemo, emptyBatch, mapFound, selectByIds } from './client-context.js';
import type { CallOptions, NeuroMorphoClient, SearchParams } from './client-types.js';
import { MAX_PAGE_SIZE } from './client-types.js';
import { UpstreamBadPayloadError } from './errors.js';
import { embeddedList, expectObject, pageInfo } from './payload.js';

type NeuronOperations = Pick<
  NeuroMorphoClient,
  'searchNeurons' | 'getNeuron' | 'getNeuronByName' | 'getNeurons'
>;

/** A search page as the cache keeps it: its records as sent, and the page's figures. */
interface StoredPage extends Omit<SearchPage<NeuronRecord>, 'items'> {
  items: RawPayload[];
}

/**
 * Neuron records: search pages, one by id or name, many by id. Every record that arrives is stored
 * under its id too, so a later lookup by id costs no request.
 */
export function createNeuronOperations(context: ClientContext): NeuronOperations {
  const { cache, ttls, report } = context;
  const neurons = createRecordMemo((raw) => toNeuron(raw));

  const storeById = (records: readonly NeuronRecord[]) =>
    cache.store(
      records.map((neuron) => ({
        key: cacheKeys.neuron(neuron.neuronId),
        value: neuron.raw,
        freshMs: ttls.recordMs,
      })),
    );

  function searchUrl(params: SearchParams): string {
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
    return context.apiUrl(q === null ? '/neuron' : '/neuron/select', query);
  }

  async function fetchPage(url: string, call?: CallOptions): Promise<SearchPage<NeuronRecord>> {
    const body = await context.getObject(url, call);
    const items = toNeuronPageRecords(embeddedList(body, 'neuronResources', url), report).map(neurons.keep);
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

  /** One record, mapped before it is stored: an unusable payload is refused, never cached. */
  async function fetchOne(url: string, call?: CallOptions): Promise<NeuronRecord> {
    const raw = await context.http.getJson(url, call);
    try {
      return neurons.keep(toNeuron(expectObject(raw, url)));
    } catch (error) {
      if (error instanceof UpstreamBadPayloadError) throw error;
      throw new UpstreamBadPayloadError(200, url, (error as Error).message);
    }
  }

  async function fetchMany(ids: readonly number[], call?: CallOptions) {
    const result = emptyBatch<RawPayload>();
    const readPage = (body: RawPayload, url: string) =>
      toNeuronPageRecords(embeddedList(body, 'neuronResources', url), report);
    await selectByIds(context, '/neuron/select', ids, call, readPage, (group, answer) => {
      for (const id of group) {
        if (answer instanceof Error) result.failed.set(id, answer);
        else {
          const neuron = answer.get(id);
          if (neuron) result.found.set(id, neurons.keep(neuron).raw);
          else result.missing.push(id);
        }
      }
    });
    return result;
  }

  return {
    async searchNeurons(params, call) {
      const url = searchUrl(params);
      let fetched: SearchPage<NeuronRecord> | undefined;
      const page = await cache.value<StoredPage>(
        cacheKeys.search({ ...params, fq: params.fq ?? [] }),
        ttls.searchMs,
        async () => {
          fetched = await fetchPage(url, call);
          return { ...fetched, items: fetched.items.map((neuron) => neuron.raw) };
        },
        call,
      );
      if (fetched) {
        await storeById(fetched.items);
        return fetched;
      }
      return { ...page, items: page.items.map((raw) => neurons.of(raw)) };
    },

    async getNeuron(id, call) {
      const url = context.apiUrl(`/neuron/id/${id}`);
      const load = async () => (await fetchOne(url, call)).raw;
      const read = () => cache.record(cacheKeys.neuron(id), ttls.recordMs, url, load, call);
      return neurons.of(await cache.offline.one('neuron', id, call, read));
    },

    async getNeuronByName(name, call) {
      const url = context.apiUrl(`/neuron/name/${percentEncode(name)}`);
      const load = async () => {
        const neuron = await fetchOne(url, call);
        await storeById([neuron]);
        return neuron.raw;
      };
      const raw = await cache.record(cacheKeys.neuronName(name), ttls.recordMs, url, load, call);
      return neurons.of(raw);
    },

    async getNeurons(ids, call) {
      const load = (missing: number[]) => fetchMany(missing, call);
      const batch = await cache.batch(ids, cacheKeys.neuron, ttls.recordMs, load, call);
      return mapFound(await cache.offline.fill('neuron', batch, call), neurons.of);
    },
  };
}

import { cacheKeys } from '../cache/keys.js';
import { toPageCount } from '../neuromorpho/page-records.js';
import { percentEncode } from '../neuromorpho/percent-encode.js';
import type { ClientContext } from './client-context.js';
import type { CallOptions, FieldCount, NeuroMorphoClient } from './client-types.js';
import { UpstreamBadPayloadError } from './errors.js';
import { isObject, pageInfo } from './payload.js';

type FieldOperations = Pick<NeuroMorphoClient, 'getFieldNames' | 'getFieldValues' | 'getFieldCounts'>;

/** Upper bound on pages read for one field's value list (NeuroMorpho answers it in one page). */
const MAX_FIELD_PAGES = 50;

/** The searchable fields, the values each takes and how many neurons have each value. */
export function createFieldOperations(context: ClientContext): FieldOperations {
  const { cache, ttls } = context;

  async function fetchNames(call?: CallOptions): Promise<string[]> {
    const url = context.apiUrl('/neuron/fields');
    const body = await context.getObject(url, call);
    const names = body['Neuron Fields'];
    if (!Array.isArray(names)) throw new UpstreamBadPayloadError(200, url, 'missing "Neuron Fields" list');
    return names.filter((name): name is string => typeof name === 'string');
  }

  async function fetchValues(field: string, call?: CallOptions): Promise<string[]> {
    const values: string[] = [];
    for (let page = 0; page < MAX_FIELD_PAGES; page++) {
      const query = page === 0 ? undefined : new URLSearchParams({ page: String(page) });
      const url = context.apiUrl(`/neuron/fields/${percentEncode(field)}`, query);
      const body = await context.getObject(url, call);
      if (!Array.isArray(body.fields)) throw new UpstreamBadPayloadError(200, url, 'missing "fields" list');
      for (const value of body.fields) if (typeof value === 'string') values.push(value);
      if (page + 1 >= pageInfo(body).totalPages) break;
    }
    return values;
  }

  async function fetchCounts(field: string, call?: CallOptions): Promise<FieldCount[]> {
    const url = context.apiUrl(`/neuron/partition/${percentEncode(field)}`);
    const body = await context.getObject(url, call);
    if (!isObject(body.fields)) throw new UpstreamBadPayloadError(200, url, 'missing "fields" object');
    return Object.entries(body.fields)
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
      .map(([value, count]) => ({ value, count: toPageCount(count, `fields.${value}`, context.report) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  return {
    getFieldNames: (call) => cache.value(cacheKeys.fieldNames(), ttls.fieldsMs, () => fetchNames(call), call),
    getFieldValues: (field, call) =>
      cache.value(cacheKeys.fieldValues(field), ttls.fieldsMs, () => fetchValues(field, call), call),
    getFieldCounts: (field, call) =>
      cache.value(cacheKeys.fieldCounts(field), ttls.fieldsMs, () => fetchCounts(field, call), call),
  };
}

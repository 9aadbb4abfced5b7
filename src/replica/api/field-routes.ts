/**
 * `/api/neuron/fields`, `/api/neuron/fields/{field}`, `/api/neuron/partition/{field}`.
 * Recorded: the field catalogue, and both species bodies (served as recorded: they describe the real
 * 258,250-neuron database, not the replica's population). Other fields are computed from the population
 * in the recorded shape: every value in one page (size = count), most frequent first; `page` keys in the
 * recorded order of these bodies (size, totalPages, totalElements, number). A `page` > 0 is empty.
 */

import { jsonReply } from '../http/reply.js';
import { type JsonValue, serializeEntries } from '../json.js';
import { parsePaging } from '../query/paging.js';
import type { ApiContext, Handler } from './context.js';

export const neuronFieldCatalogue: Handler = (_req, ctx) =>
  jsonReply(JSON.stringify(ctx.fixtures.neuronFields));

export const neuronFieldValues: Handler = (req, ctx, params) => {
  const name = params.field ?? '';
  const field = ctx.neuronFields.resolve(name);
  if (field.name === 'species') return jsonReply(JSON.stringify(ctx.fixtures.neuronFieldsSpecies));
  const counts = countValues(ctx, name);
  const page = parsePaging(req.params).page;
  const values = page === 0 ? counts.map(([value]) => value) : [];
  return jsonReply(fieldBody(name, JSON.stringify(values), counts.length, page));
};

export const neuronPartition: Handler = (req, ctx, params) => {
  const name = params.field ?? '';
  const field = ctx.neuronFields.resolve(name);
  if (field.name === 'species') return jsonReply(JSON.stringify(ctx.fixtures.neuronPartitionSpecies));
  const counts = countValues(ctx, name);
  const page = parsePaging(req.params).page;
  return jsonReply(fieldBody(name, serializeEntries(page === 0 ? counts : []), counts.length, page));
};

export function fieldBody(name: string, fieldsJson: string, count: number, page: number): string {
  const pageJson = JSON.stringify({ size: count, totalPages: 1, totalElements: count, number: page });
  return `{"field_name":${JSON.stringify(name)},"fields":${fieldsJson},"page":${pageJson}}`;
}

/** [value, count] by descending count, ties in code-unit order; array fields count each element. */
function countValues(ctx: ApiContext, name: string): [string, JsonValue][] {
  const field = ctx.neuronFields.resolve(name);
  const counts = new Map<string, number>();
  for (const entry of ctx.population.byStringId) {
    const value = field.get(entry.record);
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || item === undefined) continue;
      const key = String(item);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, count]) => [value, count]);
}

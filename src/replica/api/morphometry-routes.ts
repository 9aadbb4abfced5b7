/**
 * `/api/morphometry/id/{id}`, `/name/{name}`, `/select`, and the paged list. Recorded: neuron 1's body
 * (byte for byte: floats keep `.0`). Synthesized: every other body, the select and list layouts
 * (`_embedded.measurements` + `page` as in NeuroMorpho's own page, §6), the 404 message, and the default
 * select order (string order of neuron_id, as for neuron select).
 */
import { jsonReply, type Reply, springError } from '../http/reply.js';
import type { JsonObject } from '../json.js';
import type { NeuronEntry } from '../population/entry.js';
import { serializeMorphometry } from '../population/morphometry.js';
import { compileQuery } from '../query/compile-query.js';
import { idBatch } from '../query/id-batch.js';
import { parsePaging, slicePage } from '../query/paging.js';
import { parseSort, sortBy } from '../query/sort.js';
import { listBody, pageQuery, selectBody } from './bodies.js';
import type { ApiRequest, Handler } from './context.js';
import { parseId } from './neuron-routes.js';
import { selectQueryFromParams } from './select-query.js';

export const morphometryById: Handler = (req, ctx, params) =>
  morphometryReply(req, ctx.population.byId.get(parseId(params.id ?? '')));

export const morphometryByName: Handler = (req, ctx, params) =>
  morphometryReply(req, ctx.population.byName.get(params.name ?? ''));

/** `q=neuron_id:1,2,3` (also `Neuron_id:`, `neuron_name:`): the batching path for N+1 measurement loads. */
export const morphometrySelect: Handler = (req, ctx) => {
  const query = selectQueryFromParams(req.params);
  const predicate = compileQuery(query, ctx.morphometryFields);
  const orders = parseSort(req.params.getAll('sort'), ctx.morphometryFields);
  const paging = parsePaging(req.params);
  const matches =
    idBatch(query, ctx.population) ??
    ctx.population.byStringId.filter((entry) => predicate(entry.morphometry));
  const ordered = sortBy(matches, orders, morphometryOf);
  const items = slicePage(ordered, paging).map((entry) => serializeMorphometry(entry.morphometry));
  return jsonReply(selectBody('measurements', items, paging, ordered.length));
};

export const morphometryList: Handler = (req, ctx) => {
  const paging = parsePaging(req.params);
  const requested = parseSort(req.params.getAll('sort'), ctx.morphometryFields);
  const orders = requested.length > 0 ? requested : parseSort(['neuron_id,asc'], ctx.morphometryFields);
  const all = sortBy(ctx.population.byNumericId, requested, morphometryOf);
  const items = slicePage(all, paging).map((entry) => serializeMorphometry(entry.morphometry));
  const href = (page: number): string =>
    `${ctx.base}/api/morphometry?${pageQuery(page, paging.size, orders)}`;
  return jsonReply(listBody('measurements', items, paging, all.length, href));
};

function morphometryOf(entry: NeuronEntry): JsonObject {
  return entry.morphometry;
}

function morphometryReply(req: ApiRequest, entry: NeuronEntry | undefined): Reply {
  if (entry === undefined) return springError(404, 'Requested measurement not found', req.path);
  return jsonReply(serializeMorphometry(entry.morphometry));
}

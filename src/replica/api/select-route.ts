/**
 * `/api/neuron/select` (GET, and POST with a JSON body; trailing slash accepted). Recorded: the body
 * layout, default size 50, `page.size` echoing the requested size, totals, and the default order, which is
 * ascending STRING order of neuron_id. Explicit `sort` is applied on top of that order (ties keep it).
 */
import { jsonReply } from '../http/reply.js';
import { compileQuery } from '../query/compile-query.js';
import { idBatch } from '../query/id-batch.js';
import { parsePaging, slicePage } from '../query/paging.js';
import { parseSort, sortBy } from '../query/sort.js';
import { selectBody } from './bodies.js';
import type { Handler } from './context.js';
import { recordOf } from './neuron-routes.js';
import { selectQueryFromBody, selectQueryFromParams } from './select-query.js';

export const neuronSelect: Handler = (req, ctx) => {
  const query =
    req.method === 'POST' ? selectQueryFromBody(req.body, req.params) : selectQueryFromParams(req.params);
  const predicate = compileQuery(query, ctx.neuronFields);
  const orders = parseSort(req.params.getAll('sort'), ctx.neuronFields);
  const paging = parsePaging(req.params);
  const matches =
    idBatch(query, ctx.population) ?? ctx.population.byStringId.filter((entry) => predicate(entry.record));
  const ordered = sortBy(matches, orders, recordOf);
  const items = slicePage(ordered, paging).map((entry) => JSON.stringify(entry.record));
  return jsonReply(selectBody('neuronResources', items, paging, ordered.length));
};

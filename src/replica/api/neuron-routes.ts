/** `/api/health`, `/api/neuron`, `/api/neuron/id/{id}`, `/api/neuron/name/{name}`. */
import { badParameterError } from '../errors.js';
import { jsonReply, type Reply, springError } from '../http/reply.js';
import type { JsonObject } from '../json.js';
import type { NeuronEntry } from '../population/entry.js';
import { parsePaging, slicePage } from '../query/paging.js';
import { parseSort, sortBy } from '../query/sort.js';
import { listBody, pageQuery } from './bodies.js';
import type { ApiRequest, Handler } from './context.js';

/** Recorded body `{"status":"UP"}`. */
export const health: Handler = (_req, ctx) => jsonReply(JSON.stringify(ctx.fixtures.health));

/** Bare record (recorded for id 1); unknown id -> the recorded 404 layout and message (unverified for ids). */
export const neuronById: Handler = (req, ctx, params) => {
  const entry = ctx.population.byId.get(parseId(params.id ?? ''));
  return entry === undefined ? neuronNotFound(req) : jsonReply(JSON.stringify(entry.record));
};

/** Bare record by exact (case-sensitive) name; unknown -> recorded 404 body. */
export const neuronByName: Handler = (req, ctx, params) => {
  const entry = ctx.population.byName.get(params.name ?? '');
  return entry === undefined ? neuronNotFound(req) : jsonReply(JSON.stringify(entry.record));
};

/** Every neuron, paged; default sort neuron_id ascending (numeric). Body layout unrecorded (bodies.ts). */
export const neuronList: Handler = (req, ctx) => {
  const paging = parsePaging(req.params);
  const requested = parseSort(req.params.getAll('sort'), ctx.neuronFields);
  const orders = requested.length > 0 ? requested : parseSort(['neuron_id,asc'], ctx.neuronFields);
  const all =
    requested.length > 0 ? sortBy(ctx.population.byNumericId, orders, recordOf) : ctx.population.byNumericId;
  const items = slicePage(all, paging).map((entry) => JSON.stringify(entry.record));
  const href = (page: number): string => `${ctx.base}/api/neuron?${pageQuery(page, paging.size, orders)}`;
  return jsonReply(listBody('neuronResources', items, paging, all.length, href));
};

export function recordOf(entry: NeuronEntry): JsonObject {
  return entry.record;
}

export function neuronNotFound(req: ApiRequest): Reply {
  return springError(404, 'Requested neuron not found', req.path);
}

/** A non-numeric id fails Spring's conversion to the controller's int parameter: 400. */
export function parseId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) {
    throw badParameterError(
      `Failed to convert value of type 'java.lang.String' to required type 'int'; nested exception is java.lang.NumberFormatException: For input string: "${raw}"`,
    );
  }
  return Number(raw);
}

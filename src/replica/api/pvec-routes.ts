/**
 * Persistence vectors. Recorded: `/api/pvec/id/1` answered 200 with an EMPTY body (Sept 2023). No pvec
 * record was ever published, so every known neuron answers the same way (synthesized), unknown ids 404,
 * and `/api/pvec/select` answers an empty page.
 */
import { emptyBodyReply, jsonReply, springError } from '../http/reply.js';
import { parsePaging } from '../query/paging.js';
import { selectBody } from './bodies.js';
import type { Handler } from './context.js';
import { parseId } from './neuron-routes.js';

export const pvecById: Handler = (req, ctx, params) =>
  ctx.population.byId.has(parseId(params.id ?? ''))
    ? emptyBodyReply()
    : springError(404, 'Requested persistence vector not found', req.path);

export const pvecSelect: Handler = (req) => jsonReply(selectBody('pvecs', [], parsePaging(req.params), 0));

/**
 * The literature API as recorded in Sept 2023: it answered but held nothing. Recorded: `/fields`,
 * `/fields/tracingSystem`, `/partition/tracingSystem`, `/select?q=species:mouse` (no `_embedded`, a
 * `_links.self` with the default sort `title,asc`). The replica answers every literature query the same
 * empty way: other field names and queries, `/api/literature` itself, and 404 for `/id/{id}`
 * (synthesized by analogy).
 */

import { jsonReply, springError } from '../http/reply.js';
import { isJsonObject } from '../json.js';
import { compileQuery } from '../query/compile-query.js';
import { parsePaging } from '../query/paging.js';
import { parseSort } from '../query/sort.js';
import { pageQuery } from './bodies.js';
import type { ApiContext, ApiRequest, Handler } from './context.js';
import { fieldBody } from './field-routes.js';
import { selectQueryFromParams } from './select-query.js';

export const literatureFieldCatalogue: Handler = (_req, ctx) =>
  jsonReply(JSON.stringify(ctx.fixtures.literatureFields));

export const literatureFieldValues: Handler = (_req, ctx, params) => {
  const field = ctx.literatureFields.resolve(params.field ?? '');
  return jsonReply(fieldBody(field.name, '[]', 0, 0));
};

export const literaturePartition: Handler = (_req, ctx, params) => {
  const field = ctx.literatureFields.resolve(params.field ?? '');
  return jsonReply(fieldBody(field.name, '{}', 0, 0));
};

export const literatureSelect: Handler = (req, ctx) => {
  // Parsed and checked against the literature fields so malformed queries still answer 400.
  compileQuery(selectQueryFromParams(req.params), ctx.literatureFields);
  return emptyLiteraturePage(req, ctx, '/api/literature/select');
};

export const literatureList: Handler = (req, ctx) => emptyLiteraturePage(req, ctx, '/api/literature');

export const literatureById: Handler = (req) => springError(404, 'Requested article not found', req.path);

function emptyLiteraturePage(req: ApiRequest, ctx: ApiContext, path: string) {
  const paging = parsePaging(req.params);
  const requested = parseSort(req.params.getAll('sort'), ctx.literatureFields);
  const orders = requested.length > 0 ? requested : [{ property: 'title', direction: 'asc' }];
  const href = `${ctx.base}${path}?${pageQuery(paging.page, paging.size, orders)}`;
  const recordedPage = ctx.fixtures.literatureSelect.page;
  const keys = isJsonObject(recordedPage)
    ? Object.keys(recordedPage)
    : ['size', 'totalElements', 'totalPages', 'number'];
  const values: Record<string, number> = {
    size: paging.size,
    totalElements: 0,
    totalPages: 0,
    number: paging.page,
  };
  const page = `{${keys.map((key) => `${JSON.stringify(key)}:${values[key] ?? 0}`).join(',')}}`;
  return jsonReply(`{"_links":{"self":{"href":${JSON.stringify(href)}}},"page":${page}}`);
}

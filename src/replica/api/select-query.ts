/** Builds the query of a select request: `q` AND every `fq` (GET), or a JSON body (POST). */
import { badParameterError } from '../errors.js';
import { isJsonObject } from '../json.js';
import type { QueryNode, ValueItem } from '../query/ast.js';
import { parseQuery } from '../query/parse-query.js';

/**
 * GET: `q` is required (Spring answers 400 for a missing required parameter; the real controller's
 * signature is unrecorded) and every `fq` must match too.
 */
export function selectQueryFromParams(params: URLSearchParams, required = true): QueryNode {
  const q = params.get('q');
  if (q === null && required) throw badParameterError("Required String parameter 'q' is not present");
  const clauses = [q, ...params.getAll('fq')].filter((clause): clause is string => clause !== null);
  const nodes = clauses.map(parseQuery);
  if (nodes.length === 0) return { kind: 'all' };
  return nodes.length === 1 && nodes[0] !== undefined ? nodes[0] : { kind: 'and', nodes };
}

/**
 * POST (spec §3.4, unrecorded body): `{"species": ["mouse"], "brain_region": ["neocortex", ...]}` — values
 * in a list are alternatives, keys must all match. A value is a pattern like a bare query value (`*`),
 * but commas stay literal. `q`/`fq` in the query string, if any, must match as well.
 */
export function selectQueryFromBody(body: Buffer, params: URLSearchParams): QueryNode {
  let parsed: unknown;
  try {
    parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    throw badParameterError('JSON parse error: request body is not valid JSON');
  }
  if (!isJsonObject(parsed)) throw badParameterError('JSON parse error: request body must be an object');
  const nodes: QueryNode[] = [];
  for (const [field, value] of Object.entries(parsed)) {
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((v) => typeof v === 'string' || typeof v === 'number')) {
      throw badParameterError(`JSON parse error: values of '${field}' must be strings or numbers`);
    }
    nodes.push({ kind: 'term', field, values: list.map((v) => patternItem(String(v))) });
  }
  if (params.has('q') || params.has('fq')) nodes.push(selectQueryFromParams(params, false));
  if (nodes.length === 0) return { kind: 'all' };
  return nodes.length === 1 && nodes[0] !== undefined ? nodes[0] : { kind: 'and', nodes };
}

function patternItem(value: string): ValueItem {
  if (!/[*?]/.test(value)) return { kind: 'text', text: value };
  const source = [...value]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return { kind: 'glob', source };
}

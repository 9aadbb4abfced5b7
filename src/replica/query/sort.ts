/**
 * `sort` parameters, parsed as Spring Data does: each parameter is `prop[,prop...][,asc|desc]`, and
 * several parameters chain (swcgeom's `neuron_id,neuron_id,asc` is two ascending orders on one field).
 * Numeric fields sort as numbers (text like 'Not Reported' after them), others in code-unit order (Solr
 * string order); missing values last.
 * Sorting on a multi-valued field is a 400, as Solr refuses it.
 */
import { badParameterError } from '../errors.js';
import type { JsonObject } from '../json.js';
import { toNumber } from './compile-query.js';
import type { FieldAccessor, FieldIndex } from './fields.js';

export interface SortOrder {
  /** As the client wrote it, for echoing in links. */
  property: string;
  field: FieldAccessor;
  direction: 'asc' | 'desc';
}

export function parseSort(params: readonly string[], fields: FieldIndex): SortOrder[] {
  const orders: SortOrder[] = [];
  for (const param of params) {
    const tokens = param
      .split(',')
      .map((token) => token.trim())
      .filter((token) => token !== '');
    const last = tokens[tokens.length - 1]?.toLowerCase();
    const direction = last === 'desc' ? 'desc' : 'asc';
    const properties = last === 'asc' || last === 'desc' ? tokens.slice(0, -1) : tokens;
    for (const property of properties) {
      const field = fields.resolve(property);
      if (field.multiValued) throw badParameterError(`can not sort on multivalued field: ${field.name}`);
      orders.push({ property, field, direction });
    }
  }
  return orders;
}

/** Stable: items equal under every order keep their incoming (default) order, whatever the direction. */
export function sortBy<T>(
  items: readonly T[],
  orders: readonly SortOrder[],
  doc: (item: T) => JsonObject,
): T[] {
  if (orders.length === 0) return [...items];
  return [...items].sort((a, b) => {
    for (const order of orders) {
      const result = compareValues(order.field.get(doc(a)), order.field.get(doc(b)), order.field.numeric);
      if (result.missing) return result.value; // missing values last in both directions
      if (result.value !== 0) return order.direction === 'asc' ? result.value : -result.value;
    }
    return 0;
  });
}

function compareValues(a: unknown, b: unknown, numeric: boolean): { value: number; missing: boolean } {
  const absentA = a === null || a === undefined;
  const absentB = b === null || b === undefined;
  if (absentA || absentB)
    return { value: absentA === absentB ? 0 : absentA ? 1 : -1, missing: absentA !== absentB };
  if (numeric) {
    // Numbers first by value, then text such as 'Not Reported': a total order, so sort stays consistent.
    const x = toNumber(a);
    const y = toNumber(b);
    if (!Number.isNaN(x) || !Number.isNaN(y)) {
      if (Number.isNaN(x)) return { value: 1, missing: false };
      if (Number.isNaN(y)) return { value: -1, missing: false };
      return { value: x - y, missing: false };
    }
  }
  const x = String(a);
  const y = String(b);
  return { value: x < y ? -1 : x > y ? 1 : 0, missing: false };
}

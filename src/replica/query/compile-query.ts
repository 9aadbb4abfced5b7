/**
 * Turns a parsed query into a predicate over documents. Value matching is case-insensitive: whether the
 * real Solr string fields are case sensitive is unrecorded, and clients send the record's own spelling
 * anyway (`stain:lucifer yellow`). Array fields match when any element matches; null never matches.
 */
import type { JsonObject } from '../json.js';
import type { QueryNode, ValueItem } from './ast.js';
import type { FieldIndex } from './fields.js';

export type Predicate = (doc: JsonObject) => boolean;
type ScalarTest = (value: unknown) => boolean;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Field names are resolved here, once, so an unknown field fails before any document is scanned. */
export function compileQuery(node: QueryNode, fields: FieldIndex): Predicate {
  switch (node.kind) {
    case 'all':
      return () => true;
    case 'and': {
      const parts = node.nodes.map((n) => compileQuery(n, fields));
      return (doc) => parts.every((part) => part(doc));
    }
    case 'or': {
      const parts = node.nodes.map((n) => compileQuery(n, fields));
      return (doc) => parts.some((part) => part(doc));
    }
    case 'not': {
      const inner = compileQuery(node.node, fields);
      return (doc) => !inner(doc);
    }
    case 'term': {
      const field = fields.resolve(node.field);
      const tests = node.values.map((item) => itemTest(item, field.numeric));
      return (doc) => anyValue(field.get(doc), (value) => tests.some((test) => test(value)));
    }
    case 'range': {
      const field = fields.resolve(node.field);
      const test = rangeTest(node, field.numeric);
      return (doc) => anyValue(field.get(doc), test);
    }
  }
}

function anyValue(value: unknown, test: ScalarTest): boolean {
  if (value === null || value === undefined) return false;
  return Array.isArray(value) ? value.some((item) => item !== null && test(item)) : test(value);
}

function itemTest(item: ValueItem, numeric: boolean): ScalarTest {
  if (item.kind === 'glob') {
    const pattern = new RegExp(`^${item.source}$`, 'is');
    return (value) => pattern.test(String(value));
  }
  const lower = item.text.toLowerCase();
  if (numeric && NUMBER.test(item.text)) {
    const wanted = Number(item.text);
    return (value) => {
      const number = toNumber(value);
      return Number.isNaN(number) ? String(value).toLowerCase() === lower : number === wanted;
    };
  }
  return (value) => String(value).toLowerCase() === lower;
}

function rangeTest(node: Extract<QueryNode, { kind: 'range' }>, numeric: boolean): ScalarTest {
  const { lower, upper, includeLower, includeUpper } = node;
  const numericBounds = numeric && [lower, upper].every((b) => b === null || NUMBER.test(b));
  const within = <T extends number | string>(v: T, lo: T | null, hi: T | null): boolean =>
    (lo === null || (includeLower ? v >= lo : v > lo)) && (hi === null || (includeUpper ? v <= hi : v < hi));
  if (numericBounds) {
    const lo = lower === null ? null : Number(lower);
    const hi = upper === null ? null : Number(upper);
    return (value) => {
      const n = toNumber(value);
      return !Number.isNaN(n) && within(n, lo, hi);
    };
  }
  const lo = lower?.toLowerCase() ?? null;
  const hi = upper?.toLowerCase() ?? null;
  return (value) => within(String(value).toLowerCase(), lo, hi);
}

export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && NUMBER.test(value.trim()) ? Number(value) : Number.NaN;
}

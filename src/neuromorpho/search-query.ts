import { InvalidFilterError } from './invalid-filter-error.js';
import type { NeuronFilter } from './types.js';

type TypedFilterKey = Exclude<keyof NeuronFilter, 'rawQ' | 'rawFq'>;

/** Typed filter fields and their upstream names, in the order the reference builds clauses. */
export const TYPED_FILTER_FIELDS: ReadonlyArray<readonly [TypedFilterKey, string]> = [
  ['species', 'species'],
  ['brainRegion', 'brain_region'],
  ['cellType', 'cell_type'],
  ['archive', 'archive'],
  ['originalFormat', 'original_format'],
  ['stain', 'stain'],
  ['ageClassification', 'age_classification'],
  ['gender', 'gender'],
];

export interface CompiledQuery {
  /** Null when nothing was asked for: the caller then uses the list endpoint. */
  q: string | null;
  fq: string[];
}

export interface QueryExtras {
  q?: string | null;
  fq?: readonly string[] | null;
}

const CONTROL_CHAR = /\p{Cc}/u;
// Raw clauses are Solr text, where tabs and line breaks are ordinary whitespace.
const LAYOUT_WHITESPACE = /[\t\n\r]/g;

function checkTypedValues(key: TypedFilterKey, values: readonly string[]): readonly string[] {
  if (values.length === 0) {
    throw new InvalidFilterError(key, `filter.${key} must list at least one value (omit it to match any)`);
  }
  values.forEach((value, i) => {
    const where = `filter.${key}[${i}]`;
    if (typeof value !== 'string' || value.trim() === '') {
      throw new InvalidFilterError(key, `${where} must be a non-blank string`);
    }
    // The API reads `field:a,b` as "a or b", so a comma inside one value would silently split it.
    if (value.includes(',')) {
      throw new InvalidFilterError(key, `${where} must not contain a comma (it separates alternatives)`);
    }
    if (CONTROL_CHAR.test(value)) {
      throw new InvalidFilterError(key, `${where} must not contain control characters`);
    }
  });
  return values;
}

function checkRawClauses(name: string, clauses: readonly string[] | null | undefined): string[] {
  if (clauses === null || clauses === undefined) return [];
  return clauses.map((clause, i) => checkRawClause(`${name}[${i}]`, name, clause));
}

function checkRawClause(where: string, field: string, clause: string): string {
  if (typeof clause !== 'string' || clause.trim() === '') {
    throw new InvalidFilterError(field, `${where} must be a non-blank string`);
  }
  if (CONTROL_CHAR.test(clause.replace(LAYOUT_WHITESPACE, ''))) {
    throw new InvalidFilterError(field, `${where} must not contain control characters`);
  }
  return clause;
}

/**
 * Compiles a filter to the query forms the real API is known to accept: `field:a,b` (comma =
 * alternatives) in `q`, one more such clause per `fq` (every fq must match too). The first typed field
 * becomes `q` unless an explicit `extra.q` is given, which then takes `q` and pushes every typed field
 * into `fq`. Raw q clauses fill `q` if it is still empty and otherwise go to `fq`: the API takes one
 * `q`, and joining clauses with AND inside it is Solr syntax no recorded call proves the real server
 * accepts. Then `filter.rawFq` and `extra.fq`, verbatim. Throws InvalidFilterError for a value the API
 * would misread.
 */
export function compileFilter(filter: NeuronFilter | null | undefined, extra?: QueryExtras): CompiledQuery {
  const typed: string[] = [];
  for (const [key, field] of TYPED_FILTER_FIELDS) {
    const values = filter?.[key];
    if (values === null || values === undefined) continue;
    typed.push(`${field}:${checkTypedValues(key, values).join(',')}`);
  }
  const rawQ = checkRawClauses('rawQ', filter?.rawQ);
  const rawFq = checkRawClauses('rawFq', filter?.rawFq);
  const extraFq = checkRawClauses('fq', extra?.fq);

  let q: string | null = null;
  const fq: string[] = [];
  if (extra?.q !== null && extra?.q !== undefined) {
    q = checkRawClause('q', 'q', extra.q);
    fq.push(...typed);
  } else {
    q = typed[0] ?? null;
    fq.push(...typed.slice(1));
  }
  for (const clause of rawQ) {
    if (q === null) q = clause;
    else fq.push(clause);
  }
  fq.push(...rawFq, ...extraFq);
  return { q, fq };
}

/** A sort field: a plain identifier, so nothing else can ride along in the `sort` parameter. */
export const SORTABLE_FIELD_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface SortSpec {
  field: string;
  direction: 'asc' | 'desc';
}

/** `field`, `field,asc` or `field,desc` (direction in any case; default asc), as Spring's sort takes it. */
export function parseSort(sort: string): SortSpec {
  const [field, direction, ...rest] = sort.split(',');
  if (field === undefined || !SORTABLE_FIELD_RE.test(field) || rest.length > 0) {
    throw new InvalidFilterError(
      'sort',
      `sort must be "field", "field,asc" or "field,desc", got ${quote(sort)}`,
    );
  }
  if (direction === undefined) return { field, direction: 'asc' };
  const d = direction.toLowerCase();
  if (d === 'asc' || d === 'desc') return { field, direction: d };
  throw new InvalidFilterError('sort', `sort direction must be asc or desc, got ${quote(direction)}`);
}

function quote(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}...` : s);
}

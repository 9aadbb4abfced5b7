import { BadUserInputError } from '../errors.js';
import { compileFilter, parseSort } from '../neuromorpho/search-query.js';
import type { NeuronFilter } from '../neuromorpho/types.js';
import { MAX_PAGE_SIZE } from '../upstream/client-types.js';

const MAX_CLAUSE_LENGTH = 2000;
const MAX_FQ_CLAUSES = 32;

export interface SearchInput {
  q?: string | null;
  filter?: NeuronFilter | null;
  fq?: readonly string[] | null;
  sort: string;
}

export interface CompiledSearch {
  q: string | null;
  fq: string[];
  sort: string;
}

function checkClause(what: string, clause: string): void {
  if (clause.trim() === '') throw new BadUserInputError(`${what} must not be blank`);
  if (clause.length > MAX_CLAUSE_LENGTH) {
    throw new BadUserInputError(`${what} is longer than ${MAX_CLAUSE_LENGTH} characters`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f]/.test(clause)) throw new BadUserInputError(`${what} contains a control character`);
}

/** Validates search arguments and compiles the typed filter into the q/fq forms NeuroMorpho accepts. */
export function compileSearch(input: SearchInput): CompiledSearch {
  if (input.q !== null && input.q !== undefined) checkClause('q', input.q);
  const fq = input.fq ?? [];
  if (fq.length > MAX_FQ_CLAUSES) throw new BadUserInputError(`at most ${MAX_FQ_CLAUSES} fq clauses`);
  for (const clause of fq) checkClause('fq', clause);
  parseSort(input.sort);
  const compiled = compileFilter(input.filter ?? null, { q: input.q ?? null, fq });
  return { q: compiled.q, fq: compiled.fq, sort: input.sort };
}

export function checkPageSize(name: string, size: number, min = 1): void {
  if (!Number.isInteger(size) || size < min || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`${name} must be between ${min} and ${MAX_PAGE_SIZE} (got ${size})`, {
      argumentName: name,
    });
  }
}

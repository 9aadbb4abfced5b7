import { BadUserInputError } from '../errors.js';
import { type CompiledSearch, compileSearch } from '../schema/search-args.js';
import type { DatasetInput } from './types.js';

/** The order a dataset's neurons are planned and shown in (the reference's iter_search order too). */
export const PLAN_SORT = 'neuron_id,asc';

export type ResolvedInput = { kind: 'ids'; ids: number[] } | { kind: 'search'; search: CompiledSearch };

const hasSearch = (input: DatasetInput) =>
  input.q !== null || (input.fq !== null && input.fq.length > 0) || input.filter !== null;

/**
 * Checks everything that can be checked without NeuroMorpho: the limit's bounds, ids or a search (not
 * both), the ids themselves, the search compiled. Throws BAD_USER_INPUT.
 */
export function validateInput(input: DatasetInput, maxNeurons: number): ResolvedInput {
  if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > maxNeurons) {
    throw new BadUserInputError(`limit must be between 1 and ${maxNeurons} (got ${input.limit})`, {
      argumentName: 'limit',
    });
  }
  if (input.ids === null) return { kind: 'search', search: compileSearch({ ...input, sort: PLAN_SORT }) };
  if (hasSearch(input)) throw new BadUserInputError('give ids or a search (q, fq, filter), not both');
  const ids = [...new Set(input.ids)].sort((a, b) => a - b);
  if (ids.length === 0) throw new BadUserInputError('ids must not be empty', { argumentName: 'ids' });
  const bad = ids.find((id) => !Number.isSafeInteger(id) || id < 0);
  if (bad !== undefined) throw new BadUserInputError(`${bad} is not a neuron id`, { argumentName: 'ids' });
  if (ids.length > input.limit) {
    throw new BadUserInputError(`${ids.length} ids is more than the limit of ${input.limit}`, {
      argumentName: 'ids',
    });
  }
  return { kind: 'ids', ids };
}

/** The shown name when none is given: what was asked for. */
export function defaultName(input: DatasetInput): string {
  if (input.ids !== null) return `${input.ids.length} neurons by id`;
  const parts = [
    input.q,
    ...(input.fq ?? []),
    ...Object.entries(input.filter ?? {})
      .filter(([, values]) => Array.isArray(values) && values.length > 0)
      .map(([field, values]) => `${field}:${(values as string[]).join(',')}`),
  ].filter((part): part is string => part !== null && part !== '');
  return `${parts.length > 0 ? parts.join(' ') : 'all neurons'} (first ${input.limit})`;
}

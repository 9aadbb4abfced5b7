import type { ExecutionResult } from 'graphql';
import type { CacheTtls } from '../../cache/ttl.js';

/** Types whose answers are never kept: dataset jobs change by the second. */
export const UNCACHED_TYPES = ['Dataset', 'DatasetItem', 'DatasetItemPage', 'DatasetFile', 'DatasetError'];

/**
 * How long an answer holding each root field may be kept: as long as the records behind it stay
 * fresh, and never beyond `maxTtlMs` (the plugin takes the shortest over the fields an answer holds).
 * Listings of the disk and dataset jobs are never kept.
 */
export function answerTtls(
  ttls: CacheTtls,
  maxTtlMs: number,
): { defaultMs: number; perCoordinate: Record<string, number> } {
  const cap = (ms: number) => Math.min(ms, maxTtlMs);
  return {
    defaultMs: cap(ttls.recordMs),
    perCoordinate: {
      'Query.search': cap(ttls.searchMs),
      'Query.searchConnection': cap(ttls.searchMs),
      'Query.fieldCounts': cap(ttls.fieldsMs),
      'Query.fieldValues': cap(ttls.fieldsMs),
      'Query.neuronFields': cap(ttls.fieldsMs),
      // Any download adds to the listing, another gateway's too: read from disk each time.
      'Query.cachedNeurons': 0,
      'Query.dataset': 0,
      'Query.datasets': 0,
    },
  };
}

/** A root field answered null (no such neuron) or a list with a null in it is kept as briefly as a "not found". */
export function holdsNotFound(result: ExecutionResult): boolean {
  const data = result.data;
  if (!data) return false;
  for (const value of Object.values(data)) {
    if (value === null) return true;
    if (Array.isArray(value) && value.includes(null)) return true;
  }
  return false;
}

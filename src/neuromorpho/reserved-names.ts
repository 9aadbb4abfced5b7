import type { FilePlanItem } from './types.js';

/** The file every neuron folder keeps its record in; written by the cache itself, last. */
export const METADATA_FILENAME = 'metadata.json';

/** Temporary files end with this; the cache sweeps them away and never serves them. */
export const TEMP_SUFFIX = '.nmg-part';

/** Why a planned file is skipped when its name is one the cache keeps for itself. */
export const RESERVED_NAME_REASON = 'file name reserved by the cache';

/**
 * True for names the cache uses for its own files: `metadata.json` (a neuron named `metadata` with an
 * original in `.json` would be overwritten by it) and anything ending in the temporary-file suffix
 * (swept away later). Compared without case, so a case-insensitive volume cannot collide either.
 */
export function isReservedFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === METADATA_FILENAME || lower.endsWith(TEMP_SUFFIX);
}

/** A plan item whose file name is reserved becomes a skipped one (bare stem, no URL), as unplannable items are. */
export function skipReservedName(item: FilePlanItem, stem: string): FilePlanItem {
  if (item.skip || !isReservedFileName(item.filename)) return item;
  return { kind: item.kind, url: '', filename: stem, skip: true, reason: RESERVED_NAME_REASON };
}

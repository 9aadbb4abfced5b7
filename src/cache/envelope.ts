import type { CachedAnswer } from '../upstream/client-types.js';

/** What the cache stores for every key: the value, when it was stored and when it stops being fresh. */
export interface Envelope<T> extends CachedAnswer<T> {
  /** Stored at, ms since the epoch. */
  t: number;
}

export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return 'v' in candidate && typeof candidate.t === 'number' && typeof candidate.f === 'number';
}

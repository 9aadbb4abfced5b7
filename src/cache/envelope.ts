/** What the cache stores for every key: the value and when it stops being fresh. */
export interface Envelope<T> {
  /** The cached value (upstream JSON, or null for a remembered "not found"). */
  v: T;
  /** Stored at, ms since the epoch. */
  t: number;
  /** Fresh until, ms since the epoch; after that it is served only when upstream fails. */
  f: number;
}

export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return 'v' in candidate && typeof candidate.t === 'number' && typeof candidate.f === 'number';
}

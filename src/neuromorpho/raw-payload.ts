import type { RawPayload } from './types.js';

/** A JSON object: not null, not an array. */
export function isRawPayload(v: unknown): v is RawPayload {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The payload's own value for `key`. Payloads come from JSON, so a key such as `constructor` must not
 * resolve through Object.prototype to something the upstream never sent.
 */
export function ownValue(raw: RawPayload, key: string): unknown {
  return Object.hasOwn(raw, key) ? raw[key] : undefined;
}

/** The first own value among `keys` that is neither null nor undefined (the reference's "first non-null wins"). */
export function firstOwnValue(raw: RawPayload, keys: readonly string[]): unknown {
  for (const key of keys) {
    const v = ownValue(raw, key);
    if (v !== null && v !== undefined) return v;
  }
  return undefined;
}

/** A short description of a bad value for error messages: never the whole payload, never a long string. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return typeof v;
}

/** Payload links: the real server writes `http://neuromorpho.org/...`; the replica writes its own base. */
import type { JsonValue } from './json.js';

export const RECORDED_SITE = 'http://neuromorpho.org';

/**
 * Copies a recorded value, replacing the `http://neuromorpho.org` prefix of string values with `base`.
 * Only prefixes: the relative `dableFiles/...` link inside a record's `note` stays as recorded.
 */
export function rewriteLinks(value: JsonValue, base: string): JsonValue {
  if (typeof value === 'string') {
    return value.startsWith(RECORDED_SITE) ? base + value.slice(RECORDED_SITE.length) : value;
  }
  if (Array.isArray(value)) return value.map((item) => rewriteLinks(item, base));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = rewriteLinks(item, base);
    return copy;
  }
  return value;
}

/** The `_links` object every neuron record carries, in the recorded key order. */
export function neuronLinks(base: string, id: number): JsonValue {
  return {
    self: { href: `${base}/api/neuron/id/${id}` },
    measurements: { href: `${base}/api/morphometry/id/${id}` },
    persistence_vector: { href: `${base}/api/pvec/id/${id}` },
  };
}

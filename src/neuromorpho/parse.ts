/**
 * Small value parsers shared by the `toX` mappers. NeuroMorpho sends numbers as JSON numbers in some
 * records and as decimal text (or "Not Reported") in others; these turn both into one typed value.
 */

// What Python's float() accepts, minus inf/nan (never a value) and underscores (never seen upstream).
// Number() alone would also take '', '0x1A' and '1e', which are not numbers here.
const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER_TEXT_RE = /^[+-]?\d+$/;

/** A finite number, or null for anything that is not one ("Not Reported", "", NaN, booleans, ...). */
export function toFloatOrNull(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const text = v.trim();
  if (!DECIMAL_RE.test(text)) return null;
  const n = Number.parseFloat(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * Python's round() on a float: halves go to the even neighbour (0.5 -> 0, 1.5 -> 2, 2.5 -> 2), so
 * counts sent as floats round exactly as in the reference's `int(round(x))`. Never returns -0.
 */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  // Exact for every double: below 2**52 the subtraction is exact, above it x is already an integer.
  const diff = x - floor;
  let r: number;
  if (diff > 0.5) r = floor + 1;
  else if (diff < 0.5) r = floor;
  else r = floor % 2 === 0 ? floor : floor + 1;
  return r === 0 ? 0 : r;
}

/** toFloatOrNull, then rounded half to even. */
export function toIntOrNull(v: unknown): number | null {
  const n = toFloatOrNull(v);
  return n === null ? null : roundHalfEven(n);
}

/**
 * Strings verbatim (the empty string included: `shrinkage_corrected` really is "" upstream, and that is
 * data, not absence); finite numbers as String(n); everything else (null, booleans, objects) is null.
 */
export function toStringOrNull(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  return null;
}

function elementToString(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * List fields (`brain_region`, `cell_type`, ...): an array keeps its elements (non-strings stringified,
 * objects as JSON, null dropped); a lone scalar becomes a one-element list, as the reference tolerates a
 * string where a list is expected; null, undefined and plain objects give [].
 */
export function toStringList(v: unknown): string[] {
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const element of v) {
      const s = elementToString(element);
      if (s !== null) out.push(s);
    }
    return out;
  }
  if (v === null || v === undefined || typeof v === 'object') return [];
  const s = elementToString(v);
  return s === null ? [] : [s];
}

/**
 * A neuron id: a safe integer, or integer text such as "12" (Python's int() accepts it; "12.0" it does
 * not, nor do we). Anything else is null.
 */
export function toNeuronIdOrNull(v: unknown): number | null {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && INTEGER_TEXT_RE.test(v.trim())) n = Number(v.trim());
  else return null;
  if (!Number.isSafeInteger(n)) return null;
  return n === 0 ? 0 : n;
}

/** GraphQL's Int is a signed 32-bit integer: a count outside it cannot be answered as one. */
export const GRAPHQL_INT_MIN = -2_147_483_648;
export const GRAPHQL_INT_MAX = 2_147_483_647;

export function fitsGraphQLInt(n: number): boolean {
  return Number.isInteger(n) && n >= GRAPHQL_INT_MIN && n <= GRAPHQL_INT_MAX;
}

/** An upstream neuron id the gateway serves: 1..2**31-1, the ids a client can ask for as an Int. */
export function isServableNeuronId(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= GRAPHQL_INT_MAX;
}

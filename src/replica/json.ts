/** JSON helpers for bodies whose exact text matters (number formats, key order). */

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Writes a float the way the Java/Python side of NeuroMorpho does: integral values keep one decimal
 * (`6.0`, `1274.0`), others use the shortest round-trip form (`0.543665`). JSON.stringify would write
 * `6`, which loses the recorded "counts are sent as floats" detail.
 */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  return Number.isInteger(value) && Math.abs(value) < 1e16 ? value.toFixed(1) : String(value);
}

/** Rounds to 6 significant digits, the precision of L-Measure output in the recorded bodies. */
export function sig6(value: number): number {
  return Number(value.toPrecision(6));
}

/**
 * A coordinate rounded to `decimals` and written like formatFloat (`0.0`, `-2.44`, `18.05`), with integer
 * arithmetic: SWC rows are written by the million for large files, and toFixed/String on floats is slower.
 */
export function formatFixed(value: number, decimals: number): string {
  const scale = 10 ** decimals;
  const scaled = Math.round(value * scale);
  if (scaled === 0) return '0.0';
  const abs = scaled < 0 ? -scaled : scaled;
  const whole = Math.floor(abs / scale);
  let fraction = abs - whole * scale;
  const sign = scaled < 0 ? '-' : '';
  if (fraction === 0) return `${sign}${whole}.0`;
  let digits = decimals;
  while (fraction % 10 === 0) {
    fraction /= 10;
    digits -= 1;
  }
  return `${sign}${whole}.${String(fraction).padStart(digits, '0')}`;
}

/**
 * Serialises an object whose keys may look like integers ("100", "40") in the order given. A JS object
 * would move integer-like keys to the front, which a partition body must not do.
 */
export function serializeEntries(entries: readonly (readonly [string, JsonValue])[]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`;
}

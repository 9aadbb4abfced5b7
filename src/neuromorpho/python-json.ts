import { numberFormOf } from './payload-json.js';
import { pythonFloatRepr } from './python-repr.js';

/**
 * Python's `json.dumps(value, indent=2, sort_keys=True)` with its other defaults (ensure_ascii,
 * allow_nan, separators `,` and `: `), the call the reference client writes metadata.json with, so a
 * file written here reads the same, byte for byte, as one it wrote from the same payloads.
 *
 * Numbers come out as Python wrote what its json.loads read: an integer as an int, a float with repr
 * (`6.0`, `1e-05`), using the form parsePayload recorded where the value alone does not tell it.
 */
export function toPythonJson(value: unknown, indent = 2): string {
  return write(value, '', ' '.repeat(indent), undefined);
}

// Printable ASCII other than `"` and `\`: written as it is.
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  34: '\\"',
  92: '\\\\',
  10: '\\n',
  13: '\\r',
  9: '\\t',
  8: '\\b',
  12: '\\f',
};

/** ensure_ascii: everything outside printable ASCII as `\uXXXX` (lower-case hex; UTF-16 units). */
function pythonString(s: string): string {
  if (PLAIN_ASCII.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) out += short;
    else if (unit >= 0x20 && unit <= 0x7e) out += s[i];
    else out += `\\u${unit.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** Python's int(token) or float(token) as json.dumps writes it back. */
function pythonNumber(value: number, form: string | undefined): string {
  if (form !== undefined) return /[.eE]/.test(form) ? pythonFloatRepr(Number(form)) : BigInt(form).toString();
  // Without a recorded form an integral value was an integer token (-0 included, which int() makes 0).
  if (Number.isInteger(value)) return BigInt(value).toString();
  return pythonFloatRepr(value);
}

/** Sorts as Python compares str: by code point, where UTF-16 order differs above U+FFFF. */
function byCodePoint(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800-DFFF) encode code points above every unit from E000 up.
    if (x >= 0xd800 && y >= 0xd800) {
      x += x >= 0xe000 ? -0x800 : 0x2000;
      y += y >= 0xe000 ? -0x800 : 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

function write(value: unknown, current: string, step: string, form: string | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return pythonNumber(value, form);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return pythonString(value);
  if (typeof value !== 'object') throw new TypeError(`cannot write a ${typeof value} as JSON`);
  const inner = current + step;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item, i) => write(item, inner, step, numberFormOf(value, i)));
    return `[\n${inner}${items.join(`,\n${inner}`)}\n${current}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort(byCodePoint);
  if (keys.length === 0) return '{}';
  const members = keys.map(
    (key) => `${pythonString(key)}: ${write(record[key], inner, step, numberFormOf(record, key))}`,
  );
  return `{\n${inner}${members.join(`,\n${inner}`)}\n${current}}`;
}

/**
 * Python's `repr()` of floats and strings, for text the reference client writes: float reprs appear in
 * metadata.json (its json module writes floats with repr) and string reprs in skip reasons
 * (`original_format='Neurozoom'`).
 */

/** Digits without leading or trailing zeros, and where the decimal point goes: 0.d1d2... x 10**point. */
function shortestDigits(abs: number): { digits: string; point: number } {
  // String(x) gives the shortest digits that read back as x, as Python's repr does (both pick the
  // closest when several are as short); only the layout differs.
  const [mantissa = '', exponent = '0'] = String(abs).split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  const all = whole + fraction;
  const leadingZeros = all.length - all.replace(/^0+/, '').length;
  return {
    digits: all.slice(leadingZeros).replace(/0+$/, ''),
    point: whole.length + Number(exponent) - leadingZeros,
  };
}

/**
 * `repr(float)`: `6.0`, `0.0001`, `1e-05`, `1e+16`, `1.2345678901234568e+20`, `-0.0`; fixed notation
 * while -4 < point <= 16, scientific otherwise, as CPython decides. NaN and the infinities come out as
 * json.dumps writes them (`NaN`, `Infinity`, `-Infinity`), not as repr does (`nan`, `inf`).
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const { digits, point } = shortestDigits(Math.abs(x));
  if (point > -4 && point <= 16) {
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  const exponent = point - 1;
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

// Characters str.isprintable() rejects (other than the space): control, format, surrogate, private use,
// unassigned, and separators.
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(codePoint: number, width: number): string {
  return codePoint.toString(16).padStart(width, '0');
}

/** `repr(str)`: single quotes unless the text holds `'` and no `"`; escapes as CPython writes them. */
export function pythonStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x7f || ch === ' ' || !NOT_PRINTABLE.test(ch)) out += ch;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out + quote;
}

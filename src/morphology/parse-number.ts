/**
 * Decimal numbers read straight from bytes, without making a string per field: the cost that dominates a
 * split-and-Number() reader. Correctly rounded: a token of at most 15 digits without an exponent is
 * `digits / 10^fraction`, one IEEE division of two exact doubles (Clinger's fast path); anything else
 * (exponents, longer digit strings) goes through Number() on the token's text after a grammar check.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const MAX_FAST_DIGITS = 15;
const SWC_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number in bytes[start, end), or NaN when the token is not a plain decimal number. */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const sign = bytes[i];
  const negative = sign === 0x2d;
  if (negative || sign === 0x2b) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  for (; i < end; i++) {
    const d = (bytes[i] ?? 0) - 0x30;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    digits++;
  }
  if (i < end && bytes[i] === 0x2e) {
    for (i++; i < end; i++) {
      const d = (bytes[i] ?? 0) - 0x30;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      digits++;
      fraction++;
    }
  }
  if (i === end && digits > 0 && digits <= MAX_FAST_DIGITS) {
    const magnitude = fraction === 0 ? mantissa : mantissa / (POW10[fraction] ?? 1);
    return negative ? -magnitude : magnitude;
  }
  return slowDecimal(bytes, start, end);
}

function slowDecimal(bytes: Uint8Array, start: number, end: number): number {
  // Longer than any number a tracing tool writes: refused before it becomes a string.
  if (end - start > 1000) return Number.NaN;
  const text = String.fromCharCode(...bytes.subarray(start, end));
  return SWC_NUMBER.test(text) ? Number(text) : Number.NaN;
}

import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../src/morphology/parse-number.js';
import { centralRange95, selectInPlace } from '../../../src/morphology/select.js';

const parse = (text: string) => {
  const bytes = Buffer.from(` ${text} `, 'latin1');
  return parseDecimal(bytes, 1, bytes.length - 1);
};

describe('parseDecimal', () => {
  it('gives exactly what Number() gives for SWC-style decimals', () => {
    let seed = 42;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let k = 0; k < 20_000; k++) {
      const digits = Math.floor(next() * 8);
      const value = (next() - 0.5) * 10 ** Math.floor(next() * 8);
      const text = k % 5 === 0 ? value.toExponential(digits) : value.toFixed(digits);
      expect(parse(text), text).toBe(Number(text));
    }
  });

  it.each([
    ['0', 0],
    ['-0.47', -0.47],
    ['+3', 3],
    ['1.', 1],
    ['.5', 0.5],
    ['2714.100', 2714.1],
    ['1e3', 1000],
    ['1E-3', 0.001],
    ['0.1234567890123456789', Number('0.1234567890123456789')],
    ['12345678901234567890', Number('12345678901234567890')],
    ['1e300', 1e300],
    ['00012.5000', 12.5],
  ])('%s -> %d', (text, value) => {
    expect(parse(text)).toBe(value);
  });

  it.each(['', '-', '.', 'e5', '1e', '1e+', '--1', '1-', '0x10', 'nan', 'Infinity', '1.2.3', '1,5', '١'])(
    'rejects %j',
    (text) => {
      expect(parse(text)).toBeNaN();
    },
  );
});

describe('selection', () => {
  it('selectInPlace finds the k-th smallest, also on sorted and constant input', () => {
    let seed = 3;
    const next = () => {
      seed = (seed * 16807) % 2147483647;
      return seed;
    };
    const inputs = [
      Float64Array.from({ length: 1001 }, () => next() % 100),
      Float64Array.from({ length: 1000 }, (_, i) => i),
      Float64Array.from({ length: 1000 }, (_, i) => 1000 - i),
      new Float64Array(500).fill(7),
    ];
    for (const input of inputs) {
      const sorted = Float64Array.from(input).sort();
      for (const k of [0, 1, 17, Math.floor(input.length / 2), input.length - 2, input.length - 1]) {
        expect(selectInPlace(Float64Array.from(input), k)).toBe(sorted[k]);
      }
    }
  });

  it('centralRange95 drops floor(2.5 % of n) values at each end', () => {
    const values = Float64Array.from({ length: 200 }, (_, i) => (i * 37) % 200);
    // 200 values 0..199: 5 left out at each end.
    expect(centralRange95(values)).toBe(194 - 5);
    expect(centralRange95(Float64Array.from([3, -1, 8]))).toBe(9);
    expect(centralRange95(new Float64Array(0))).toBe(0);
  });
});

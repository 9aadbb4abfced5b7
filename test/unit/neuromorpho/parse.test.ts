import { describe, expect, it } from 'vitest';
import {
  fitsGraphQLInt,
  isServableNeuronId,
  roundHalfEven,
  toFloatOrNull,
  toIntOrNull,
  toNeuronIdOrNull,
  toStringList,
  toStringOrNull,
} from '../../../src/neuromorpho/parse.js';

describe('toFloatOrNull', () => {
  it('keeps finite numbers', () => {
    expect(toFloatOrNull(8842.91)).toBe(8842.91);
    expect(toFloatOrNull(0)).toBe(0);
    expect(toFloatOrNull(-3)).toBe(-3);
  });

  it('parses decimal text, trimmed', () => {
    expect(toFloatOrNull('24.0')).toBe(24);
    expect(toFloatOrNull(' 834.0 ')).toBe(834);
    expect(toFloatOrNull('1135580.0')).toBe(1135580);
    expect(toFloatOrNull('.5')).toBe(0.5);
    expect(toFloatOrNull('5.')).toBe(5);
    expect(toFloatOrNull('-1e3')).toBe(-1000);
    expect(toFloatOrNull('+7')).toBe(7);
  });

  it.each([
    ['Not Reported'],
    ['Not reported'],
    [''],
    ['   '],
    [null],
    [undefined],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [Number.NEGATIVE_INFINITY],
    ['NaN'],
    ['Infinity'],
    ['inf'],
    ['0x1A'],
    ['1e'],
    ['1e400'],
    ['12abc'],
    [true],
    [false],
    [{}],
    [[1]],
  ])('gives null for %j', (v) => {
    expect(toFloatOrNull(v)).toBeNull();
  });
});

describe('roundHalfEven', () => {
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [3.5, 4],
    [-0.5, 0],
    [-1.5, -2],
    [-2.5, -2],
    [2.4999, 2],
    [2.5001, 3],
    [6.0, 6],
    [1274.0, 1274],
  ])('rounds %d to %d like Python round()', (x, expected) => {
    expect(roundHalfEven(x)).toBe(expected);
  });

  it('never returns -0', () => {
    expect(Object.is(roundHalfEven(-0.5), 0)).toBe(true);
    expect(Object.is(roundHalfEven(-0.2), 0)).toBe(true);
    expect(Object.is(roundHalfEven(-0), 0)).toBe(true);
  });

  it('keeps integers beyond 2**52', () => {
    expect(roundHalfEven(2 ** 53)).toBe(2 ** 53);
  });
});

describe('toIntOrNull', () => {
  it('parses then rounds half to even', () => {
    expect(toIntOrNull(6.0)).toBe(6);
    expect(toIntOrNull('2.5')).toBe(2);
    expect(toIntOrNull('3.5')).toBe(4);
    expect(toIntOrNull(0.5)).toBe(0);
    expect(Object.is(toIntOrNull('-0.5'), 0)).toBe(true);
  });

  it('gives null where toFloatOrNull does', () => {
    expect(toIntOrNull('Not Reported')).toBeNull();
    expect(toIntOrNull(Number.NaN)).toBeNull();
    expect(toIntOrNull(null)).toBeNull();
  });
});

describe('toStringOrNull', () => {
  it('keeps strings verbatim, the empty string included', () => {
    expect(toStringOrNull('Wearne_Hof')).toBe('Wearne_Hof');
    expect(toStringOrNull('')).toBe('');
    expect(toStringOrNull(' x ')).toBe(' x ');
  });

  it('stringifies finite numbers', () => {
    expect(toStringOrNull(100)).toBe('100');
    expect(toStringOrNull(1.5)).toBe('1.5');
  });

  it.each([[null], [undefined], [true], [{}], [['a']], [Number.NaN]])('gives null for %j', (v) => {
    expect(toStringOrNull(v)).toBeNull();
  });
});

describe('toStringList', () => {
  it('keeps string arrays', () => {
    expect(toStringList(['neocortex', 'prefrontal', 'layer 3'])).toEqual([
      'neocortex',
      'prefrontal',
      'layer 3',
    ]);
  });

  it('stringifies non-strings and drops null/undefined', () => {
    expect(toStringList(['a', 1, null, undefined, true, { k: 1 }])).toEqual(['a', '1', 'true', '{"k":1}']);
  });

  it('wraps a lone string (as the reference does)', () => {
    expect(toStringList('pyramidal')).toEqual(['pyramidal']);
    expect(toStringList(12204204)).toEqual(['12204204']);
  });

  it('gives [] for null, undefined and plain objects', () => {
    expect(toStringList(null)).toEqual([]);
    expect(toStringList(undefined)).toEqual([]);
    expect(toStringList({ a: 'b' })).toEqual([]);
  });
});

describe('toNeuronIdOrNull', () => {
  it('accepts safe integers and integer text', () => {
    expect(toNeuronIdOrNull(1)).toBe(1);
    expect(toNeuronIdOrNull('12')).toBe(12);
    expect(toNeuronIdOrNull(' 37 ')).toBe(37);
    expect(toNeuronIdOrNull(12.0)).toBe(12);
  });

  it.each([
    ['12.0'],
    ['12.5'],
    [12.5],
    [''],
    ['abc'],
    [null],
    [undefined],
    [true],
    [2 ** 53],
    [Number.NaN],
    ['1e3'],
  ])('rejects %j', (v) => {
    expect(toNeuronIdOrNull(v)).toBeNull();
  });
});

describe('fitsGraphQLInt and isServableNeuronId', () => {
  it.each([
    [0, true, false],
    [1, true, true],
    [-1, true, false],
    [2 ** 31 - 1, true, true],
    [2 ** 31, false, false],
    [-(2 ** 31), true, false],
    [-(2 ** 31) - 1, false, false],
    [3e9, false, false],
    [1.5, false, false],
  ])('%d: fits Int %s, servable id %s', (n, fits, servable) => {
    expect(fitsGraphQLInt(n)).toBe(fits);
    expect(isServableNeuronId(n)).toBe(servable);
  });
});

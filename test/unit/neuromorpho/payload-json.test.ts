import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  copyNumberForms,
  formMatters,
  numberFormOf,
  parsePayload,
  stringifyPayload,
} from '../../../src/neuromorpho/payload-json.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/upstream/${name}`, import.meta.url), 'utf8');

describe('formMatters', () => {
  it.each([
    ['6.0', true],
    ['1274.00', true],
    ['1e5', true],
    ['1.5E1', true],
    ['1e400', true],
    ['12345678901234567890', true],
    ['6', false],
    ['-0', false],
    ['8842.91', false],
    ['1.5e-7', false],
    ['9007199254740991', false],
  ])('%s -> %s', (token, matters) => {
    expect(formMatters(token)).toBe(matters);
  });
});

describe('parsePayload', () => {
  it('reads the recorded morphometry record with the form of every float count', () => {
    const raw = parsePayload(fixture('morphometry_name_cnic_001.json')) as Record<string, unknown>;
    expect(raw).toEqual(JSON.parse(fixture('morphometry_name_cnic_001.json')));
    expect(numberFormOf(raw, 'n_stems')).toBe('6.0');
    expect(numberFormOf(raw, 'fragmentation')).toBe('1274.0');
    expect(numberFormOf(raw, 'surface')).toBeUndefined();
    expect(numberFormOf(raw, 'neuron_id')).toBeUndefined();
  });

  it('keeps forms out of sight: keys, entries, JSON.stringify and spreads see plain JSON', () => {
    const raw = parsePayload('{"n": 6.0, "list": [1.0, 2]}') as Record<string, unknown>;
    expect(Object.keys(raw)).toEqual(['n', 'list']);
    expect(JSON.stringify(raw)).toBe('{"n":6,"list":[1,2]}');
    expect(Object.getOwnPropertySymbols({ ...raw })).toEqual([]);
    expect(numberFormOf(raw.list as unknown[], 0)).toBe('1.0');
  });

  it('takes JSON.parse alone for text without such numbers (every recorded neuron record)', () => {
    const raw = parsePayload(fixture('neuron_id_1.json')) as Record<string, unknown>;
    expect(raw).toEqual(JSON.parse(fixture('neuron_id_1.json')));
    expect(Object.getOwnPropertySymbols(raw)).toEqual([]);
  });

  it('keeps the exact digits of integers beyond 2**53', () => {
    const raw = parsePayload('{"big": 12345678901234567890}') as Record<string, unknown>;
    expect(numberFormOf(raw, 'big')).toBe('12345678901234567890');
  });

  it('keeps the last of duplicate keys, as JSON.parse and Python do', () => {
    expect(parsePayload('{"a": 1.0, "a": 2.5}')).toEqual({ a: 2.5 });
    expect(numberFormOf(parsePayload('{"a": 2.5, "a": 1.0}') as object, 'a')).toBe('1.0');
  });

  it('keeps a __proto__ key as data on both paths', () => {
    for (const text of ['{"__proto__": {"x": 1}}', '{"__proto__": {"x": 1.0}}']) {
      const raw = parsePayload(text) as Record<string, unknown>;
      expect(Object.getPrototypeOf(raw)).toBe(Object.prototype);
      expect(Object.hasOwn(raw, '__proto__')).toBe(true);
    }
  });

  it.each([[''], ['{'], ['{"a": 1.0,}'], ['NaN'], ['{"a": NaN}']])('throws a SyntaxError for %j', (text) => {
    expect(() => parsePayload(text)).toThrow(SyntaxError);
  });
});

describe('stringifyPayload', () => {
  it('writes recorded numbers in their sent form, so a read back keeps them', () => {
    const text = '{"n_stems":6.0,"e":1E5,"big":12345678901234567890,"list":[1.0,{"x":2.50}],"s":"6.0"}';
    const stored = stringifyPayload(parsePayload(text));
    expect(stored).toBe(
      '{"n_stems":6.0,"e":1E5,"big":12345678901234567890,"list":[1.0,{"x":2.5}],"s":"6.0"}',
    );
    const back = parsePayload(stored) as Record<string, unknown>;
    expect(numberFormOf(back, 'n_stems')).toBe('6.0');
    expect(numberFormOf(back.list as unknown[], 0)).toBe('1.0');
  });

  it('is JSON.stringify itself when nothing carries a form', () => {
    const value = { v: JSON.parse(fixture('neuron_id_1.json')), t: 1, f: 2 };
    expect(stringifyPayload(value)).toBe(JSON.stringify(value));
  });

  it('never changes the value it writes', () => {
    const raw = parsePayload('{"a": {"n": 6.0}}') as { a: Record<string, unknown> };
    stringifyPayload({ value: raw });
    expect(raw.a.n).toBe(6);
    expect(numberFormOf(raw.a, 'n')).toBe('6.0');
  });
});

describe('copyNumberForms', () => {
  it('copies the forms of the named keys only', () => {
    const source = parsePayload('{"a": 1.0, "b": 2.0}') as object;
    const target = { a: 1, b: 2 };
    copyNumberForms(target, source, ['b']);
    expect(numberFormOf(target, 'a')).toBeUndefined();
    expect(numberFormOf(target, 'b')).toBe('2.0');
  });
});

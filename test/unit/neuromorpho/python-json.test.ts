import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../../src/neuromorpho/payload-json.js';
import { toPythonJson } from '../../../src/neuromorpho/python-json.js';
import { pythonFloatRepr, pythonStrRepr } from '../../../src/neuromorpho/python-repr.js';

// Every expected text below is what Python 3's json.dumps(json.loads(text), indent=2, sort_keys=True),
// repr(float) and repr(str) print: the formatting the reference client writes metadata.json with.
describe('toPythonJson writes what json.dumps(indent=2, sort_keys=True) writes', () => {
  it.each([
    [
      'keeps the float form of counts and sorts keys',
      '{"n_stems": 6.0, "neuron_id": 1, "surface": 8842.91}',
      '{\n  "n_stems": 6.0,\n  "neuron_id": 1,\n  "surface": 8842.91\n}',
    ],
    [
      'writes ints as ints and floats as repr',
      '[1, 1.0, 1.50, -0, -0.0, 1e-05, 0.0001, 1E5, 1e16, 1234567890123456.0, 12345678901234567890, 5e-324, 1.7976931348623157e308, 1e400, -1e400]',
      '[\n  1,\n  1.0,\n  1.5,\n  0,\n  -0.0,\n  1e-05,\n  0.0001,\n  100000.0,\n  1e+16,\n  1234567890123456.0,\n  12345678901234567890,\n  5e-324,\n  1.7976931348623157e+308,\n  Infinity,\n  -Infinity\n]',
    ],
    [
      'sorts nested keys and writes empty containers inline',
      '{"b": {"d": [], "c": {}}, "a": null, "A": true, "_": false}',
      '{\n  "A": true,\n  "_": false,\n  "a": null,\n  "b": {\n    "c": {},\n    "d": []\n  }\n}',
    ],
    [
      'escapes everything outside printable ASCII',
      '{"text": "Rat\u00f3n \\"q\\" \\\\ / \\u0000 \\u001f \\u007f \\u00a0 \\u2028 \\ud83d\\ude00 tab\\t nl\\n cr\\r bs\\b ff\\f"}',
      '{\n  "text": "Rat\\u00f3n \\"q\\" \\\\ / \\u0000 \\u001f \\u007f \\u00a0 \\u2028 \\ud83d\\ude00 tab\\t nl\\n cr\\r bs\\b ff\\f"\n}',
    ],
    [
      'sorts keys by code point, as Python compares str',
      '{"\\ud83d\\ude00": 1, "\\uffff": 2, "\\u00e9": 3, "z": 4, "Z": 5}',
      '{\n  "Z": 5,\n  "z": 4,\n  "\\u00e9": 3,\n  "\\uffff": 2,\n  "\\ud83d\\ude00": 1\n}',
    ],
    ['writes an empty object', '{}', '{}'],
    ['writes an empty list', '[]', '[]'],
  ])('%s', (_what, text, expected) => {
    expect(toPythonJson(parsePayload(text))).toBe(expected);
  });

  it('writes a number without a recorded form from its value: integral as an int', () => {
    expect(toPythonJson({ a: 6, b: 6.5, c: -0, d: 1e21 })).toBe(
      '{\n  "a": 6,\n  "b": 6.5,\n  "c": 0,\n  "d": 1000000000000000000000\n}',
    );
  });

  it('leaves out undefined members, as no JSON text has them', () => {
    expect(toPythonJson({ a: undefined, b: [undefined] })).toBe('{\n  "b": [\n    null\n  ]\n}');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => toPythonJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('pythonFloatRepr', () => {
  it.each([
    [6.0, '6.0'],
    [0.1, '0.1'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1e16, '1e+16'],
    [1000000000000000.0, '1000000000000000.0'],
    [123456789012345.6, '123456789012345.6'],
    [1e21, '1e+21'],
    [2 ** 53, '9007199254740992.0'],
    [1.5e-7, '1.5e-07'],
    [-2.5, '-2.5'],
    [-0.0, '-0.0'],
    [0.0, '0.0'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [5e-324, '5e-324'],
    [33.3799, '33.3799'],
    [8842.91, '8842.91'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('%d -> %s', (x, repr) => {
    expect(pythonFloatRepr(x)).toBe(repr);
  });
});

describe('pythonStrRepr', () => {
  it.each([
    ['Neurozoom', "'Neurozoom'"],
    ["it's", '"it\'s"'],
    ['say "hi"', '\'say "hi"\''],
    ['both \' and "', "'both \\' and \"'"],
    ['tab\there\n', "'tab\\there\\n'"],
    [
      '\u00e9 \u00fc \u00a0 \u200b \u2028 \ud83d\ude00 \u007f \u0001',
      "'\u00e9 \u00fc \\xa0 \\u200b \\u2028 \ud83d\ude00 \\x7f \\x01'",
    ],
    ['\\back', "'\\\\back'"],
    ['', "''"],
  ])('%j -> %s', (s, repr) => {
    expect(pythonStrRepr(s)).toBe(repr);
  });
});

import { describe, expect, it } from 'vitest';
import { InvalidPayloadError } from '../../../src/neuromorpho/invalid-payload-error.js';
import {
  INTEGER_MEASURES,
  MEASUREMENT_ALIASES,
  toMeasurement,
} from '../../../src/neuromorpho/measurement.js';
import type { PayloadIssue } from '../../../src/neuromorpho/payload-issues.js';
import { numberFormOf, parsePayload } from '../../../src/neuromorpho/payload-json.js';
import { loadUpstreamFixture } from './fixtures.js';

describe('toMeasurement on the recorded cnic_001 record', () => {
  const raw = loadUpstreamFixture('morphometry_name_cnic_001.json');
  const m = toMeasurement(raw);

  it('promotes every measure with the right type', () => {
    expect(m).toMatchObject({
      neuronId: 1,
      neuronName: 'cnic_001',
      surface: 8842.91,
      volume: 4725.89,
      somaSurface: 834,
      nStems: 6,
      nBifs: 47,
      nBranch: 100,
      width: 230.779,
      height: 330.4,
      depth: 84.73,
      diameter: 0.543665,
      length: 4911.5,
      euclideanDistance: 224.624,
      pathDistance: 253.921,
      branchOrder: 8,
      contraction: 0.934755,
      fragmentation: 1274,
      partitionAsymmetry: 0.413619,
      pkClassic: 1.52521,
      bifAmplLocal: 33.3799,
      bifAmplRemote: 50.461,
      fractalDim: 1.01989,
    });
    expect(Number.isInteger(m.nStems)).toBe(true);
    expect(Number.isInteger(m.fragmentation)).toBe(true);
  });

  // The reference promotes neither the name nor fractal_Dim (promoted here too, as fractalDim).
  it('keeps in extras what the reference does not promote: neuron_name and fractal_Dim', () => {
    expect(m.extras).toEqual({ neuron_name: 'cnic_001', fractal_Dim: 1.01989 });
  });

  it('keeps the payload itself as raw', () => {
    expect(m.raw).toBe(raw);
  });
});

describe('toMeasurement aliases', () => {
  it('tries the upstream spellings in order, first non-null wins', () => {
    const m = toMeasurement({
      neuron_id: 3,
      surface: null,
      Surface: 10,
      soma_surface: 5,
      somaSurface: 6,
      N_stems: 4.0,
      euc_distance: 1.5,
      path_distance: 2.5,
      branch_order: 3.0,
      partitionAsymmetry: 0.1,
      pkClassic: 2,
      bifAmplLocal: 3,
      bifAmplRemote: 4,
      fractalDim: 1.1,
      Width: 7,
    });
    expect(m).toMatchObject({
      surface: 10,
      somaSurface: 5,
      nStems: 4,
      euclideanDistance: 1.5,
      pathDistance: 2.5,
      branchOrder: 3,
      partitionAsymmetry: 0.1,
      pkClassic: 2,
      bifAmplLocal: 3,
      bifAmplRemote: 4,
      fractalDim: 1.1,
      width: 7,
    });
    // Only the winning spelling is consumed, as in the reference: the null `surface` that lost to
    // `Surface`, the `somaSurface` that lost to `soma_surface` and every fractal spelling stay in extras.
    expect(m.extras).toEqual({ surface: null, somaSurface: 6, fractalDim: 1.1 });
  });

  it('reads fractal_dim as the last spelling', () => {
    expect(toMeasurement({ neuron_id: 1, fractal_dim: '1.2' }).fractalDim).toBe(1.2);
  });

  it('rounds counts half to even and parses text', () => {
    const m = toMeasurement({
      neuron_id: 1,
      n_stems: 2.5,
      n_bifs: '3.5',
      n_branch: 0.5,
      fragmentation: '1274.0',
    });
    expect(m.nStems).toBe(2);
    expect(m.nBifs).toBe(4);
    expect(m.nBranch).toBe(0);
    expect(m.fragmentation).toBe(1274);
  });

  it('gives null, never NaN, for values that do not parse', () => {
    const m = toMeasurement({ neuron_id: 1, surface: 'Not Reported', n_stems: 'x', width: {}, height: true });
    expect(m.surface).toBeNull();
    expect(m.nStems).toBeNull();
    expect(m.width).toBeNull();
    expect(m.height).toBeNull();
    expect(m.depth).toBeNull();
  });

  it('keeps every other key in extras, as sent, and the alias that lost', () => {
    const m = toMeasurement({
      neuron_id: 1,
      neuron_name: 'a',
      Surface: 1,
      surface: 2,
      domain: 'AX',
      n_tips: 7,
    });
    expect(m.extras).toEqual({ neuron_name: 'a', Surface: 1, domain: 'AX', n_tips: 7 });
    expect(m.surface).toBe(2);
  });

  it('keeps a __proto__ key as data in extras', () => {
    const m = toMeasurement(JSON.parse('{"neuron_id":1,"__proto__":{"x":1}}'));
    expect(Object.getPrototypeOf(m.extras)).toBe(Object.prototype);
    expect(Object.hasOwn(m.extras, '__proto__')).toBe(true);
  });

  it('exports an alias table covering every promoted measure', () => {
    expect(Object.keys(MEASUREMENT_ALIASES)).toHaveLength(21);
    expect(MEASUREMENT_ALIASES.somaSurface).toEqual(['soma_Surface', 'soma_surface', 'somaSurface']);
    expect([...INTEGER_MEASURES].sort()).toEqual([
      'branchOrder',
      'fragmentation',
      'nBifs',
      'nBranch',
      'nStems',
    ]);
  });
});

describe('toMeasurement neuron id', () => {
  it('fills in the fallback id when the payload has none', () => {
    const raw = { neuron_name: 'a', surface: 1 };
    const m = toMeasurement(raw, 42);
    expect(m.neuronId).toBe(42);
    expect(raw).not.toHaveProperty('neuron_id');
  });

  it('treats a null neuron_id as absent', () => {
    expect(toMeasurement({ neuron_id: null }, 7).neuronId).toBe(7);
  });

  it("keeps the payload's own id over the fallback", () => {
    expect(toMeasurement({ neuron_id: 1 }, 99).neuronId).toBe(1);
    expect(toMeasurement({ neuron_id: '12' }).neuronId).toBe(12);
  });

  it('rejects a payload with neither', () => {
    expect(() => toMeasurement({ surface: 1 })).toThrow(InvalidPayloadError);
    expect(() => toMeasurement({ surface: 1 })).toThrow(/neuron_id/);
  });

  it('rejects a non-integer neuron_id even with a fallback', () => {
    expect(() => toMeasurement({ neuron_id: 'abc' }, 1)).toThrow(/neuron_id/);
  });

  it.each([[null], ['text'], [3], [[{ neuron_id: 1 }]]])('rejects the non-object %j', (raw) => {
    expect(() => toMeasurement(raw, 1)).toThrow(InvalidPayloadError);
  });
});

describe('toMeasurement raw, as the reference keeps it', () => {
  it('fills the fallback id into a copy of the payload, keeping the sent number forms', () => {
    const raw = parsePayload('{"neuron_name": "a", "n_stems": 6.0}') as Record<string, unknown>;
    const m = toMeasurement(raw, 42);
    expect(m.raw).toEqual({ neuron_name: 'a', n_stems: 6, neuron_id: 42 });
    expect(numberFormOf(m.raw, 'n_stems')).toBe('6.0');
    expect(raw).not.toHaveProperty('neuron_id');
  });

  it('keeps the sent forms in extras too', () => {
    const m = toMeasurement(parsePayload('{"neuron_id": 1, "fractal_Dim": 1.0}'));
    expect(m.extras).toEqual({ fractal_Dim: 1 });
    expect(numberFormOf(m.extras, 'fractal_Dim')).toBe('1.0');
  });
});

describe('toMeasurement values that do not fit', () => {
  it.each([
    ['n_stems', 3e9],
    ['N_bifs', '3000000000.0'],
    ['fragmentation', -3e9],
    ['branch_Order', 2 ** 31],
  ])('answers the count %s = %j as null and reports it', (key, value) => {
    const issues: PayloadIssue[] = [];
    const m = toMeasurement({ neuron_id: 9, [key]: value, n_branch: 2 ** 31 - 1 }, undefined, (issue) =>
      issues.push(issue),
    );
    expect([m.nStems, m.nBifs, m.fragmentation, m.branchOrder]).toEqual([null, null, null, null]);
    expect(m.nBranch).toBe(2 ** 31 - 1);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'COUNT_OUT_OF_RANGE', neuronId: 9, field: key }),
    ]);
    // The payload itself keeps the value as sent (metadata.json writes it).
    expect(m.raw[key]).toBe(value);
  });

  it.each([['nan'], ['NaN'], ['inf'], ['-inf'], ['Infinity'], [Number.POSITIVE_INFINITY], [Number.NaN]])(
    'answers the float %j as null (JSON has no NaN)',
    (value) => {
      const m = toMeasurement({ neuron_id: 1, surface: value, n_stems: value });
      expect(m.surface).toBeNull();
      expect(m.nStems).toBeNull();
    },
  );

  it('reads 1e400 (Infinity to JavaScript) as null', () => {
    expect(toMeasurement(parsePayload('{"neuron_id": 1, "width": 1e400}')).width).toBeNull();
  });

  it.each([[0], [-1], [3e9], [2 ** 31]])('rejects the neuron_id %j, outside 1..2**31-1', (id) => {
    expect(() => toMeasurement({ neuron_id: id })).toThrow(InvalidPayloadError);
    expect(() => toMeasurement({}, id)).toThrow(InvalidPayloadError);
  });
});

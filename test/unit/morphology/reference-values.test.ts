import { describe, expect, it } from 'vitest';
import { parseSwc, summarize } from '../../../src/morphology/index.js';
import { loadSwc } from './fixtures.js';

function withinRelative(actual: number | null, expected: number, tolerance: number): boolean {
  return actual !== null && Math.abs(actual - expected) <= tolerance * Math.abs(expected);
}

describe('neuron 604 (v_e_moto1.CNG.swc) against NeuroMorpho and btmorph', () => {
  const summary = summarize(parseSwc(loadSwc('v_e_moto1.CNG.swc')).tree);

  // NeuroMorpho's record for neuron 604 (fixtures/upstream/neuron_select_q-species_cat_page0.json).
  it.each([
    ['surface', 512417.0],
    ['volume', 390413.0],
    ['somaSurface', 45238.9],
  ] as const)('%s is within 0.1 %% of the recorded %d', (field, recorded) => {
    expect(withinRelative(summary[field], recorded, 0.001), `${field} = ${summary[field]}`).toBe(true);
  });

  // btorb/btmorph_v2 tests/structs_test.py bounds for the same file.
  it.each([
    ['length', 78849, 78850],
    ['surface', 512417, 512419],
    ['volume', 390412, 390414],
    ['somaSurface', 45238, 45239],
    ['euclideanDistance', 1531, 1532],
    ['pathDistance', 1817, 1819],
    ['partitionAsymmetry', 0.43, 0.45],
    ['bifAmplLocal', 46.8, 46.9],
    ['bifAmplRemote', 45.7, 45.8],
  ] as const)("%s lies in btmorph's (%d, %d)", (field, low, high) => {
    const value = summary[field] ?? Number.NaN;
    expect(value).toBeGreaterThan(low);
    expect(value).toBeLessThan(high);
  });

  it('counts what btmorph counts: 122 bifurcations, 132 tips, 10 stems, order 9, 562 samples', () => {
    expect(summary).toMatchObject({
      nBifs: 122,
      nTips: 132,
      nStems: 10,
      branchOrder: 9,
      nodes: 562,
      fragmentation: 562,
    });
    expect(summary.somaType).toBe('THREE_POINT');
  });

  it('is all basal dendrite, so the basal group equals the neurite part of the whole', () => {
    expect(summary.neurites.map((n) => n.type)).toEqual(['BASAL_DENDRITE']);
    const [basal] = summary.neurites;
    expect(basal).toMatchObject({ nodes: 559, nBifs: 122, nTips: 132, nStems: 10, length: summary.length });
  });
});

describe('multi-cylinder soma (l22.CNG.swc)', () => {
  it("has btmorph's soma surface, 1416 to 1417 µm² (Σ 2π r_parent H over the soma cylinders)", () => {
    const { soma } = parseSwc(loadSwc('l22.CNG.swc')).tree;
    expect(soma.type).toBe('MULTI_CYLINDER');
    expect(soma.samples).toBe(10);
    expect(soma.surface).toBeGreaterThan(1416);
    expect(soma.surface).toBeLessThan(1417);
  });
});

describe('single-point somas', () => {
  it('measure 4πr² (1220882a: r = 1.91816 µm)', () => {
    const { soma } = parseSwc(loadSwc('1220882a.CNG.swc')).tree;
    expect(soma.surface).toBeCloseTo(4 * Math.PI * 1.91816 ** 2, 6);
    expect(soma.centre).toEqual([0, 0, 0]);
  });
});

import { describe, expect, it } from 'vitest';
import { type Morphometry, parseSwc, summarize } from '../../../src/morphology/index.js';
import { loadSwc, REAL_FILES } from './fixtures.js';

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

describe('topological identities on every real file (all binary trees)', () => {
  it.each(REAL_FILES)('$file', ({ file }) => {
    const parsed = parseSwc(loadSwc(file));
    expect(parsed.issueCounts.MULTIFURCATION).toBeUndefined();
    const s = summarize(parsed.tree);
    expect(s.nBranch).toBe(2 * s.nBifs + s.nStems);
    expect(s.nTips).toBe(s.nBifs + s.nStems);
    expect(s.fragmentation).toBe(s.nodes);
    // From a point soma every path starts at the centre, so no straight line is longer than its path.
    if (parsed.tree.soma.type !== 'MULTI_CYLINDER')
      expect(s.pathDistance).toBeGreaterThanOrEqual(s.euclideanDistance);
    expect(s.contraction).toBeGreaterThan(0);
    expect(s.contraction).toBeLessThanOrEqual(1);
    // The groups split the neurites: their sums are the whole's, their maxima within the whole's.
    const sum = (field: keyof Morphometry) => s.neurites.reduce((acc, n) => acc + (n[field] as number), 0);
    for (const field of ['nStems', 'nBifs', 'nBranch', 'nTips'] as const) expect(sum(field)).toBe(s[field]);
    for (const field of ['length', 'surface', 'volume'] as const) expect(sum(field)).toBeCloseTo(s[field], 6);
    expect(sum('nodes')).toBe(s.nodes - parsed.tree.soma.samples);
    for (const n of s.neurites) {
      expect(n.pathDistance).toBeLessThanOrEqual(s.pathDistance);
      expect(n.branchOrder).toBeLessThanOrEqual(s.branchOrder);
    }
  });
});

describe('definitions on small crafted trees', () => {
  // Soma at the origin, one stem along +x to a bifurcation at x = 10, two children of 10 µm at right angles.
  const fork = summarize(
    parseSwc(
      lines(
        '1 1 0 0 0 2 -1',
        '2 3 5 0 0 1 1',
        '3 3 10 0 0 1 2',
        '4 3 20 0 0 0.5 3',
        '5 3 10 10 0 0.5 3',
        '6 3 10 20 0 0.5 5',
      ),
    ).tree,
  );

  it('sums compartments from each sample to its parent', () => {
    expect(fork.length).toBeCloseTo(40, 10);
    expect(fork.surface).toBeCloseTo(2 * Math.PI * (1 * 5 + 1 * 5 + 0.5 * 10 + 0.5 * 10 + 0.5 * 10), 10);
    expect(fork.volume).toBeCloseTo(Math.PI * (5 + 5 + 0.25 * 30), 10);
    expect(fork.somaSurface).toBeCloseTo(4 * Math.PI * 4, 10);
    expect(fork.diameter).toBeCloseTo((2 + 2 + 1 + 1 + 1) / 5, 10);
  });

  it('counts stems, bifurcations, branches and tips', () => {
    expect(fork).toMatchObject({ nStems: 1, nBifs: 1, nBranch: 3, nTips: 2, branchOrder: 1, nodes: 6 });
  });

  it('measures distances from the soma centre', () => {
    expect(fork.euclideanDistance).toBeCloseTo(Math.hypot(10, 20), 10);
    expect(fork.pathDistance).toBeCloseTo(30, 10);
  });

  it('averages angles, asymmetry and contraction', () => {
    expect(fork.bifAmplLocal).toBeCloseTo(90, 10);
    expect(fork.bifAmplRemote).toBeCloseTo(90, 10);
    expect(fork.partitionAsymmetry).toBe(0);
    // Branches: soma -> 3 (straight), 3 -> 4 (straight), 3 -> 6 through 5 (straight).
    expect(fork.contraction).toBeCloseTo(1, 10);
  });

  it('leaves the central 95 % of the samples for width, height and depth', () => {
    // 41 samples along x at 0..40, plus one far outlier at x = 1000: floor(42 * 2.5 %) = 1 left out at each
    // end, so the range is 1..40.
    const rows = ['1 1 0 0 0 1 -1'];
    for (let k = 1; k <= 40; k++) rows.push(`${k + 1} 3 ${k} 0 0 1 ${k}`);
    rows.push('42 3 1000 0 0 1 41');
    const s = summarize(parseSwc(lines(...rows)).tree);
    expect(s.width).toBe(39);
    expect(s.height).toBe(0);
  });

  it('reports partition asymmetry with unequal subtrees', () => {
    // Bifurcation at 2: one child a tip, the other bifurcating into two tips: |1 - 2| / (1 + 2 - 2) = 1.
    const s = summarize(
      parseSwc(
        lines(
          '1 1 0 0 0 1 -1',
          '2 3 1 0 0 1 1',
          '3 3 2 1 0 1 2',
          '4 3 2 -1 0 1 2',
          '5 3 3 -1 0 1 4',
          '6 3 2 -2 0 1 4',
        ),
      ).tree,
    );
    expect(s.nBifs).toBe(2);
    expect(s.partitionAsymmetry).toBeCloseTo((1 + 0) / 2, 10);
  });

  it('groups neurites by type and leaves out empty groups', () => {
    const s = summarize(
      parseSwc(lines('1 1 0 0 0 1 -1', '2 2 -5 0 0 1 1', '3 4 0 5 0 1 1', '4 7 0 -5 0 1 1')).tree,
    );
    expect(s.neurites.map((n) => [n.type, n.nStems, n.length])).toEqual([
      ['AXON', 1, 5],
      ['APICAL_DENDRITE', 1, 5],
      ['OTHER', 1, 5],
    ]);
  });

  it('gives null means and zero counts for a soma alone, and null soma surface without a soma', () => {
    const soma = summarize(parseSwc(lines('1 1 0 0 0 3 -1')).tree);
    expect(soma).toMatchObject({
      nodes: 1,
      length: 0,
      nStems: 0,
      diameter: null,
      contraction: null,
      bifAmplLocal: null,
    });
    expect(soma.neurites).toEqual([]);
    const bare = summarize(parseSwc(lines('1 3 0 0 0 1 -1', '2 3 3 4 0 1 1')).tree);
    expect(bare.somaSurface).toBeNull();
    expect(bare).toMatchObject({ nStems: 1, length: 5, euclideanDistance: 5 });
  });
});

describe('soma conventions', () => {
  const soma = (...rows: string[]) => parseSwc(lines(...rows)).tree.soma;

  it('three points in NeuroMorpho pattern, also turned away from the y axis (as in c10261)', () => {
    expect(soma('1 1 0 0 0 4 -1', '2 1 0 -4 0 4 1', '3 1 0 4 0 4 1').type).toBe('THREE_POINT');
    expect(
      soma('1 1 1 1 1 12.496 -1', '2 1 0.97 13.43 2.24 12.496 1', '3 1 1.03 -11.43 -0.24 12.496 1').type,
    ).toBe('THREE_POINT');
  });

  it('three soma samples that break the pattern are cylinders', () => {
    const chain = soma('1 1 0 0 0 4 -1', '2 1 0 4 0 4 1', '3 1 0 8 0 4 2');
    expect(chain.type).toBe('MULTI_CYLINDER');
    expect(chain.surface).toBeCloseTo(2 * Math.PI * 4 * 4 * 2, 10);
    expect(soma('1 1 0 0 0 4 -1', '2 1 0 -2 0 4 1', '3 1 0 2 0 4 1').type).toBe('MULTI_CYLINDER');
  });

  it('an outline closing on itself is a contour, measured from its centroid', () => {
    const rows = Array.from({ length: 12 }, (_, k) => {
      const a = (2 * Math.PI * k) / 12;
      return `${k + 1} 1 ${10 + 5 * Math.cos(a)} ${5 * Math.sin(a)} 0 0.5 ${k === 0 ? -1 : k}`;
    });
    const contour = soma(...rows);
    expect(contour.type).toBe('CONTOUR');
    expect(contour.centre[0]).toBeCloseTo(10, 10);
    expect(contour.radius).toBeCloseTo(5, 10);
    expect(contour.surface).toBeCloseTo(4 * Math.PI * 25, 8);
  });

  it('no type-1 sample: NONE, centred on the first root', () => {
    expect(soma('1 3 7 8 9 1 -1', '2 3 0 0 0 1 1')).toMatchObject({
      type: 'NONE',
      centre: [7, 8, 9],
      surface: null,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_SHOLL_RADII, parseSwc, sholl, summarize } from '../../../src/morphology/index.js';
import { loadSwc, REAL_FILES } from './fixtures.js';

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

describe('sholl', () => {
  it('counts one crossing per radius along a straight stem, four with four stems', () => {
    const one = ['1 1 0 0 0 1 -1'];
    for (let x = 1; x <= 100; x++) one.push(`${x + 1} 3 ${x} 0 0 1 ${x}`);
    expect(sholl(parseSwc(lines(...one)).tree)).toEqual(
      Array.from({ length: 10 }, (_, k) => ({ radius: 10 * (k + 1), intersections: 1 })),
    );
    const star = sholl(
      parseSwc(
        lines('1 1 0 0 0 1 -1', '2 3 35 0 0 1 1', '3 3 -35 0 0 1 1', '4 3 0 35 0 1 1', '5 3 0 0 35 1 1'),
      ).tree,
      10,
    );
    expect(star).toEqual([
      { radius: 10, intersections: 4 },
      { radius: 20, intersections: 4 },
      { radius: 30, intersections: 4 },
      { radius: 40, intersections: 0 },
    ]);
  });

  it.each(REAL_FILES)(
    '$file: radii step by stepUm from the first, out to the farthest sample',
    ({ file }) => {
      const tree = parseSwc(loadSwc(file)).tree;
      const summary = summarize(tree);
      const profile = sholl(tree, 10);
      expect(profile[0]?.radius).toBe(10);
      profile.forEach((point, k) => {
        expect(point.radius).toBeCloseTo(10 * (k + 1), 9);
        expect(Number.isInteger(point.intersections) && point.intersections >= 0).toBe(true);
      });
      const last = profile[profile.length - 1]?.radius ?? 0;
      expect(last).toBeGreaterThanOrEqual(summary.euclideanDistance);
      expect(last - 10).toBeLessThan(summary.euclideanDistance);
      // Each compartment crosses at most ceil(radial extent / step) spheres, and its radial extent is at most
      // its length: the total over the profile is bounded by length / step plus one per compartment.
      const total = profile.reduce((sum, p) => sum + p.intersections, 0);
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThanOrEqual(summary.length / 10 + tree.size);
    },
  );

  it('v_e_moto1: all 10 stems cross the first sphere (they start at the soma centre)', () => {
    expect(sholl(parseSwc(loadSwc('v_e_moto1.CNG.swc')).tree, 10)[0]).toEqual({
      radius: 10,
      intersections: 10,
    });
  });

  it('the total grows as the step shrinks (finer spheres, more crossings)', () => {
    const tree = parseSwc(loadSwc('cnic_004.CNG.swc')).tree;
    const totals = [40, 20, 10, 5].map((step) =>
      sholl(tree, step).reduce((sum, p) => sum + p.intersections, 0),
    );
    for (let k = 1; k < totals.length; k++) expect(totals[k]).toBeGreaterThan(totals[k - 1] ?? 0);
  });

  it(`widens a tiny step so there are at most ${MAX_SHOLL_RADII} radii`, () => {
    const profile = sholl(parseSwc(loadSwc('EC2-609291-4.CNG.swc')).tree, 0.001);
    expect(profile.length).toBeLessThanOrEqual(MAX_SHOLL_RADII);
    expect(profile.length).toBeGreaterThan(MAX_SHOLL_RADII - 2);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses step %d with BAD_USER_INPUT', (step) => {
    const tree = parseSwc(lines('1 1 0 0 0 1 -1')).tree;
    expect(() => sholl(tree, step)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('is empty without neurites', () => {
    expect(sholl(parseSwc(lines('1 1 0 0 0 1 -1')).tree)).toEqual([]);
    expect(sholl(parseSwc('').tree)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { geometry, parseSwc } from '../../../src/morphology/index.js';
import { loadSwc } from './fixtures.js';

describe('geometry', () => {
  const bytes = loadSwc('v_e_moto1.CNG.swc');
  const g = geometry(parseSwc(bytes).tree);

  it('gives plain number arrays, one entry per sample (three for positions)', () => {
    for (const array of [g.ids, g.types, g.parents, g.radii, g.positions])
      expect(Array.isArray(array)).toBe(true);
    expect(g.ids.length).toBe(562);
    expect(g.types.length).toBe(562);
    expect(g.parents.length).toBe(562);
    expect(g.radii.length).toBe(562);
    expect(g.positions.length).toBe(3 * 562);
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });

  it('matches the file: ids, types, x y z, radius, and parents as indices of the parent id', () => {
    const rows = bytes
      .toString('latin1')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => l.split(/\s+/).map(Number));
    rows.forEach(([id, type, x, y, z, r, parent], i) => {
      expect(g.ids[i]).toBe(id);
      expect(g.types[i]).toBe(type);
      expect(g.positions.slice(3 * i, 3 * i + 3)).toEqual([x, y, z]);
      expect(g.radii[i]).toBe(r);
      const p = g.parents[i] ?? -1;
      expect(p === -1 ? -1 : g.ids[p]).toBe(parent);
    });
  });
});

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSwc, summarize } from '../../../src/morphology/index.js';
import { loadSwc, REAL_FILES } from './fixtures.js';

describe('real NeuroMorpho files', () => {
  it('the table covers every file in fixtures/swc', () => {
    const files = readdirSync(new URL('../../../fixtures/swc/', import.meta.url)).filter((f) =>
      f.endsWith('.swc'),
    );
    expect(REAL_FILES.map((r) => r.file).sort()).toEqual(files.sort());
  });

  describe.each(REAL_FILES)('$file', ({ file, samples, soma }) => {
    const parsed = parseSwc(loadSwc(file));

    it(`keeps all ${samples} samples`, () => {
      expect(parsed.sampleLines).toBe(samples);
      expect(parsed.tree.size).toBe(samples);
      expect(parsed.tree.order.length).toBe(samples);
    });

    it(`recognises a ${soma} soma`, () => {
      expect(parsed.tree.soma.type).toBe(soma);
    });

    it('reports no ERROR issue, and is one tree rooted at the soma', () => {
      expect(parsed.issues.filter((i) => i.level === 'ERROR')).toEqual([]);
      expect(parsed.tree.roots.length).toBe(1);
      expect(parsed.tree.types[parsed.tree.roots[0] ?? -1]).toBe(1);
    });

    it('keeps the # header lines and reads them as UTF-8', () => {
      expect(parsed.header.length).toBeGreaterThan(0);
      expect(parsed.header.every((line) => line.startsWith('#') && !line.endsWith('\r'))).toBe(true);
      expect(parsed.encoding).toBe('utf-8');
    });

    it('measures finite, non-negative morphometry', () => {
      const summary = summarize(parsed.tree);
      for (const [key, value] of Object.entries(summary)) {
        if (typeof value === 'number') expect(Number.isFinite(value) && value >= 0, key).toBe(true);
      }
      expect(summary.nodes).toBe(samples);
      expect(summary.length).toBeGreaterThan(0);
    });
  });

  it('warns only where the file has something to warn about (v_e_purk2: a soma of radius 0)', () => {
    const warned = REAL_FILES.filter(({ file }) => parseSwc(loadSwc(file)).issues.length > 0).map(
      (r) => r.file,
    );
    expect(warned).toEqual(['v_e_purk2.CNG.swc']);
    const purk2 = parseSwc(loadSwc('v_e_purk2.CNG.swc'));
    expect(purk2.issues).toEqual([
      expect.objectContaining({ code: 'NON_POSITIVE_RADIUS', level: 'WARNING', nodeId: 1, fixed: false }),
    ]);
    expect(purk2.issueCounts).toEqual({ NON_POSITIVE_RADIUS: 1 });
  });

  it('reads the mixed CRLF file c10261 with the same numbers as its LF-only text', () => {
    const bytes = loadSwc('c10261.CNG.swc');
    expect(bytes.includes('\r\n')).toBe(true);
    const lf = Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    expect(summarize(parseSwc(lf).tree)).toEqual(summarize(parseSwc(bytes).tree));
  });
});

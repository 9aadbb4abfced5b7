import { describe, expect, it } from 'vitest';
import { NEURITE_COLOURS, parseSwc, summarize, svg } from '../../../src/morphology/index.js';
import { loadSwc, REAL_FILES } from './fixtures.js';

/** Elements open and close in order, attributes are quoted: enough XML for an <img> to take it. */
function expectWellFormed(text: string): void {
  const open: string[] = [];
  const tag = /<(\/?)([a-z]+)((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*(\/?)>|([^<]+)/gy;
  let consumed = 0;
  for (const m of text.matchAll(tag)) {
    consumed += m[0].length;
    if (m[5] !== undefined) continue;
    const [, closing, name = '', , selfClosing] = m;
    if (closing === '/') expect(open.pop()).toBe(name);
    else if (selfClosing !== '/') open.push(name);
  }
  expect(consumed).toBe(text.length);
  expect(open).toEqual([]);
}

describe('svg', () => {
  describe.each(REAL_FILES)('$file', ({ file }) => {
    const tree = parseSwc(loadSwc(file)).tree;
    const drawing = svg(tree, { projection: 'XY', width: 640, height: 480 });

    it('is a well-formed <svg> with a viewBox, the box size and a white background', () => {
      expect(
        drawing.startsWith(
          '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 640 480">',
        ),
      ).toBe(true);
      expect(drawing.endsWith('</svg>')).toBe(true);
      expectWellFormed(drawing);
    });

    it('has one group of paths per neurite type, in its colour, and the soma as a circle', () => {
      const groups = [...drawing.matchAll(/<g data-neurite="([A-Z_]+)" stroke="(#[0-9a-f]{6})">/g)].map(
        (m) => [m[1], m[2]],
      );
      const expected = summarize(tree).neurites.map((n) => [n.type, NEURITE_COLOURS[n.type]]);
      expect(groups).toEqual(expected);
      expect(drawing.match(/<circle data-soma="[A-Z_]+" /g)?.length).toBe(1);
    });

    it('draws every coordinate inside the box', () => {
      // Neurite paths only: M and L with coordinate pairs (the scale bar's path uses h).
      for (const d of drawing.matchAll(/ d="M([^"h]+)"/g)) {
        const numbers = (d[1] ?? '')
          .split(/[ ML]/)
          .filter((t) => t !== '')
          .map(Number);
        for (let k = 0; k < numbers.length; k += 2) {
          expect(numbers[k]).toBeGreaterThanOrEqual(-0.05);
          expect(numbers[k]).toBeLessThanOrEqual(640.05);
          expect(numbers[k + 1]).toBeGreaterThanOrEqual(-0.05);
          expect(numbers[k + 1]).toBeLessThanOrEqual(480.05);
        }
      }
    });

    it('is the same string every time', () => {
      expect(svg(parseSwc(loadSwc(file)).tree, { projection: 'XY', width: 640, height: 480 })).toBe(drawing);
    });
  });

  it('has a scale bar with a 1, 2 or 5 × 10^k µm label', () => {
    const drawing = svg(parseSwc(loadSwc('v_e_moto1.CNG.swc')).tree);
    expect(drawing).toMatch(
      /<g data-scale-bar=""><path d="M10 582h[0-9.]+" [^>]*\/><text [^>]*>(1|2|5)0* &#181;m<\/text><\/g>/,
    );
  });

  it('stays small for the largest file: fewer bytes than 12 per sample, at most 25 paths per group', () => {
    const tree = parseSwc(loadSwc('EC2-609291-4.CNG.swc')).tree;
    const drawing = svg(tree, { width: 800, height: 600 });
    expect(drawing.length).toBeLessThan(12 * tree.size);
    expect(drawing.match(/<path /g)?.length ?? 0).toBeLessThanOrEqual(4 * 25 + 1);
  });

  it('draws the other projections differently', () => {
    const tree = parseSwc(loadSwc('cnic_004.CNG.swc')).tree;
    const views = (['XY', 'XZ', 'YZ'] as const).map((projection) => svg(tree, { projection }));
    expect(new Set(views).size).toBe(3);
    for (const view of views) expectWellFormed(view);
  });

  it('writes no text from the file into the drawing', () => {
    const hostile = '# <script>alert(1)</script> "&\n1 1 0 0 0 5 -1\n2 3 10 0 0 1 1\n3 4 0 10 0 1 1\n';
    const drawing = svg(parseSwc(hostile).tree);
    expect(drawing).not.toMatch(/script|alert|&(?!#181;)/);
    expectWellFormed(drawing);
  });

  it('draws a multi-cylinder soma as its cylinders plus a circle', () => {
    const drawing = svg(parseSwc(loadSwc('l22.CNG.swc')).tree);
    expect(drawing).toContain('<g data-soma-outline="" stroke="#222222">');
    expect(svg(parseSwc(loadSwc('v_e_moto1.CNG.swc')).tree)).not.toContain('data-soma-outline');
  });

  it('draws an empty file as an empty box', () => {
    const drawing = svg(parseSwc('').tree, { width: 100, height: 50 });
    expect(drawing).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50"><rect width="100" height="50" fill="#ffffff"/></svg>',
    );
  });

  it.each([
    [{ width: 0 }],
    [{ width: 10 }],
    [{ height: 9000 }],
    [{ width: 100.5 }],
    [{ projection: 'XX' as 'XY' }],
  ])('refuses %j with BAD_USER_INPUT', (options) => {
    const tree = parseSwc('1 1 0 0 0 1 -1\n').tree;
    expect(() => svg(tree, options)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});

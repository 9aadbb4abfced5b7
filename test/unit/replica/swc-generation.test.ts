import { describe, expect, it } from 'vitest';
import { parseSwc, summarize } from '../../../src/morphology/index.js';
import { largeSwcChunks } from '../../../src/replica/files/large-swc.js';
import { createThumbnailPng } from '../../../src/replica/files/png.js';
import { swcText } from '../../../src/replica/files/swc-format.js';
import { generateTree } from '../../../src/replica/files/swc-tree.js';
import { formatFixed, formatFloat } from '../../../src/replica/json.js';
import { serializeMorphometry } from '../../../src/replica/population/morphometry.js';

const shape = {
  nodes: 1274,
  stems: 6,
  bifs: 47,
  length: 4911.5,
  diameter: 0.54,
  somaRadius: 8.1,
  hasAxon: false,
  seed: 42,
};

describe('generateTree', () => {
  it('has exactly the requested points, stems and bifurcations, parents first', () => {
    const tree = generateTree(shape, { soma: 'three-point' });
    const text = swcText(tree, { header: ['test'], eol: '\n', decimals: 2 });
    const stats = summarize(parseSwc(text).tree);
    expect(stats).toMatchObject({ nodes: 1274, nStems: 6, nBifs: 47 });
    for (let i = 0; i < tree.count; i++) expect(tree.parent[i]).toBeLessThan(i + 1);
    // 1271 steps of length/1271 each, plus each of the 6 stems' first compartment from the soma centre (8.1 µm).
    expect(stats.length).toBeCloseTo(4911.5 + 6 * 8.1, -1);
  });

  it('is deterministic per seed', () => {
    const a = swcText(generateTree(shape, { soma: 'single' }), { header: [], eol: '\r\n', decimals: 3 });
    const b = swcText(generateTree(shape, { soma: 'single' }), { header: [], eol: '\r\n', decimals: 3 });
    const c = swcText(generateTree({ ...shape, seed: 43 }, { soma: 'single' }), {
      header: [],
      eol: '\r\n',
      decimals: 3,
    });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a.split('\r\n')[0]).toMatch(/^1 1 0\.0 0\.0 0\.0 8\.1 -1$/);
  });
});

describe('largeSwcChunks', () => {
  it.each([0, 10, 200, 333, 65_536, 1_000_003])('produces exactly %i bytes', (bytes) => {
    const chunks = [...largeSwcChunks(bytes, ['large'], 1)];
    expect(chunks.reduce((sum, chunk) => sum + chunk.length, 0)).toBe(bytes);
    expect(chunks.every((chunk) => chunk.length <= 70 * 1024)).toBe(true);
  });

  it('is a valid SWC chain ending in a padding comment', () => {
    const text = Buffer.concat([...largeSwcChunks(50_000, ['large'], 1)]).toString();
    const stats = summarize(parseSwc(text).tree);
    expect(stats.nStems).toBe(1);
    expect(stats.nBifs).toBe(0);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^#/);
  });
});

describe('number formats', () => {
  it('writes fixed-decimal coordinates like formatFloat of the rounded value', () => {
    for (const value of [
      0,
      -0.004,
      0.005,
      1,
      -2.44,
      18.05,
      1.575,
      1234.5678,
      -9999.999,
      0.1 + 0.2,
      8.14664,
    ]) {
      for (const decimals of [2, 3, 4]) {
        const scale = 10 ** decimals;
        const rounded = Math.round(value * scale) / scale;
        expect(formatFixed(value, decimals)).toBe(formatFloat(rounded === 0 ? 0 : rounded));
      }
    }
  });

  it('keeps one decimal on integral floats', () => {
    expect(formatFloat(6)).toBe('6.0');
    expect(formatFloat(0.543665)).toBe('0.543665');
    expect(formatFloat(-0)).toBe('0.0');
    expect(serializeMorphometry({ neuron_name: 'x', n_stems: 6, neuron_id: 1, length: 4911.5 })).toBe(
      '{"neuron_name":"x","n_stems":6.0,"neuron_id":1,"length":4911.5}',
    );
  });
});

it('builds a valid PNG', () => {
  const png = createThumbnailPng();
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  expect(png.readUInt32BE(16)).toBe(32);
});

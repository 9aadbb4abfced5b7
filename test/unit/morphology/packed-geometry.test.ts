import { describe, expect, it } from 'vitest';
import { entrySize } from '../../../src/cache/keyv-factory.js';
import { geometry, parseSwc } from '../../../src/morphology/index.js';
import {
  type EncodedGeometry,
  keepGeometry,
  packGeometry,
  unpackGeometry,
} from '../../../src/morphology-pool/packed-geometry.js';
import { loadSwc } from './fixtures.js';

describe('packed geometry', () => {
  const tree = parseSwc(loadSwc('v_e_moto1.CNG.swc')).tree;
  const plain = geometry(tree);
  const arrays = (columns: ReturnType<typeof unpackGeometry>) => ({
    ids: Array.from(columns.ids),
    types: Array.from(columns.types),
    parents: Array.from(columns.parents),
    positions: Array.from(columns.positions),
    radii: Array.from(columns.radii),
  });

  it('unpacks to the very columns of the tree, from memory and from its JSON (base64)', () => {
    const kept = keepGeometry(packGeometry(tree));
    expect(kept.count).toBe(tree.size);
    expect(arrays(unpackGeometry(kept))).toEqual(plain);
    const fromJson = JSON.parse(JSON.stringify({ geometry: kept })).geometry as EncodedGeometry;
    expect(typeof fromJson.base64).toBe('string');
    expect(arrays(unpackGeometry(fromJson))).toEqual(plain);
  });

  it('is charged its byte length by the memory store, not its JSON', () => {
    const kept = keepGeometry(packGeometry(tree));
    const size = entrySize({ v: { geometry: kept }, t: 0, f: 0 });
    expect(size).toBeGreaterThanOrEqual(kept.bytes.byteLength);
    expect(size).toBeLessThan(kept.bytes.byteLength + 100);
  });

  it('refuses bytes that do not hold the samples it says', () => {
    expect(() => unpackGeometry({ count: 3, base64: 'AAAA' })).toThrow(/does not hold 3 samples/);
  });
});

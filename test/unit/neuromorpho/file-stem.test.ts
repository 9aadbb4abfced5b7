import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_STEM, MAX_FILE_STEM_LENGTH, safeFileStem } from '../../../src/neuromorpho/file-stem.js';

describe('safeFileStem', () => {
  it.each([
    ['Type A/10 (mouse)', 'Type_A_10_mouse'],
    ['a   b', 'a_b'],
    ['__abc__', 'abc'],
    ['...', 'neuromorpho_neuron'],
  ])('reference example %j -> %j', (name, stem) => {
    expect(safeFileStem(name)).toBe(stem);
  });

  it('keeps real neuron names', () => {
    expect(safeFileStem('cnic_001')).toBe('cnic_001');
    expect(safeFileStem('031-34-23')).toBe('031-34-23');
    expect(safeFileStem('Oi27rpy2-1')).toBe('Oi27rpy2-1');
  });

  it('turns NUL bytes into _', () => {
    expect(safeFileStem('a\u0000b')).toBe('a_b');
    expect(safeFileStem('\u0000')).toBe(DEFAULT_FILE_STEM);
  });

  it('cannot climb out of a folder', () => {
    expect(safeFileStem('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileStem('..')).toBe(DEFAULT_FILE_STEM);
    expect(safeFileStem('a..b')).toBe('a_b');
    expect(safeFileStem('a/../b')).toBe('a___b');
  });

  it('drops absolute-path prefixes and separators', () => {
    expect(safeFileStem('/etc/passwd')).toBe('etc_passwd');
    expect(safeFileStem('C:\\Windows\\x')).toBe('C_Windows_x');
  });

  it('replaces each run of non-ASCII characters with one _', () => {
    expect(safeFileStem('neurône 🧠 cell')).toBe('neur_ne_cell');
    expect(safeFileStem('Ωμ')).toBe(DEFAULT_FILE_STEM);
  });

  it('gives the default for an empty name', () => {
    expect(safeFileStem('')).toBe(DEFAULT_FILE_STEM);
    expect(safeFileStem('._._')).toBe(DEFAULT_FILE_STEM);
  });

  it(`caps the stem at ${MAX_FILE_STEM_LENGTH} characters`, () => {
    expect(safeFileStem('a'.repeat(500))).toBe('a'.repeat(MAX_FILE_STEM_LENGTH));
    expect(safeFileStem('a'.repeat(MAX_FILE_STEM_LENGTH))).toHaveLength(MAX_FILE_STEM_LENGTH);
  });

  it('re-trims trailing . and _ after the cut', () => {
    const name = `${'a'.repeat(MAX_FILE_STEM_LENGTH - 2)}._b${'c'.repeat(50)}`;
    expect(safeFileStem(name)).toBe('a'.repeat(MAX_FILE_STEM_LENGTH - 2));
  });

  it('always yields one safe path component', () => {
    for (const name of ['x/y', 'x\\y', '.hidden', 'x\u0000', ' ', '-', 'a.', '....a....']) {
      const stem = safeFileStem(name);
      expect(stem).toMatch(/^[A-Za-z0-9-][A-Za-z0-9._-]*$/);
      expect(stem).not.toContain('..');
      expect(stem.length).toBeLessThanOrEqual(MAX_FILE_STEM_LENGTH);
    }
  });
});

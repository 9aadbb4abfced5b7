import { describe, expect, it } from 'vitest';
import { namesOnDisk } from '../../../src/disk/original-names.js';
import type { FilePlanItem } from '../../../src/neuromorpho/types.js';

const original = (filename: string): FilePlanItem => ({
  kind: 'original',
  url: `https://neuromorpho.org/dableFiles/a/Source-Version/${filename}`,
  filename,
  skip: false,
  reason: null,
});

describe('namesOnDisk', () => {
  it("a Custom.xml original may be the gateway's {stem}.morph.xml or the reference's {stem}.xml", () => {
    expect(namesOnDisk(original('cell_1.morph.xml'), { originalFormat: 'Custom.xml' })).toEqual([
      'cell_1.morph.xml',
      'cell_1.xml',
    ]);
    expect(namesOnDisk(original('cell_1.morph.xml'), { originalFormat: 'custom.XML' })).toEqual([
      'cell_1.morph.xml',
      'cell_1.XML',
    ]);
  });

  it('every other file has one name', () => {
    expect(namesOnDisk(original('cell_1.asc'), { originalFormat: 'Neurolucida.asc' })).toEqual([
      'cell_1.asc',
    ]);
    const standard: FilePlanItem = { ...original('cell_1.CNG.swc'), kind: 'standard' };
    expect(namesOnDisk(standard, { originalFormat: 'Custom.xml' })).toEqual(['cell_1.CNG.swc']);
  });
});

import { describe, expect, it } from 'vitest';
import { filePlan } from '../../../src/neuromorpho/file-plan.js';
import { isReservedFileName, RESERVED_NAME_REASON } from '../../../src/neuromorpho/reserved-names.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';

const site = createSiteUrls('https://neuromorpho.org');

describe('names the cache reserves', () => {
  it.each([['metadata.json'], ['METADATA.json'], ['x.nmg-part'], ['x.NMG-PART']])(
    '%s is reserved',
    (name) => {
      expect(isReservedFileName(name)).toBe(true);
    },
  );

  it.each([['metadata.CNG.swc'], ['metadata.json.bak'], ['cell.asc'], ['nmg-part']])('%s is not', (name) => {
    expect(isReservedFileName(name)).toBe(false);
  });

  it('a plan item that would take one is skipped with the reason; the other items stay', () => {
    const plan = filePlan({ name: 'metadata', archive: 'A', originalFormat: 'Exporter.json' }, 'both', site);
    expect(plan).toEqual([
      {
        kind: 'standard',
        url: 'https://neuromorpho.org/dableFiles/a/CNG%20version/metadata.CNG.swc',
        filename: 'metadata.CNG.swc',
        skip: false,
        reason: null,
      },
      { kind: 'original', url: '', filename: 'metadata', skip: true, reason: RESERVED_NAME_REASON },
    ]);
    const temp = filePlan({ name: 'cell', archive: 'A', originalFormat: 'X.nmg-part' }, 'original', site);
    expect(temp).toEqual([
      { kind: 'original', url: '', filename: 'cell', skip: true, reason: RESERVED_NAME_REASON },
    ]);
  });
});

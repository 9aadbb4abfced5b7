import { describe, expect, it } from 'vitest';
import { filePlan, noExtensionReason, SKIP_REASONS } from '../../../src/neuromorpho/file-plan.js';
import { toNeuron } from '../../../src/neuromorpho/neuron.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';
import { loadUpstreamFixture } from './fixtures.js';

const site = createSiteUrls('https://neuromorpho.org');
const cnic001 = toNeuron(loadUpstreamFixture('neuron_id_1.json'));

describe('filePlan', () => {
  it('plans standard first, then original', () => {
    expect(filePlan(cnic001, 'both', site)).toEqual([
      {
        kind: 'standard',
        url: 'https://neuromorpho.org/dableFiles/wearne_hof/CNG%20version/cnic_001.CNG.swc',
        filename: 'cnic_001.CNG.swc',
        skip: false,
        reason: null,
      },
      {
        kind: 'original',
        url: 'https://neuromorpho.org/dableFiles/wearne_hof/Source-Version/cnic_001.swc',
        filename: 'cnic_001.swc',
        skip: false,
        reason: null,
      },
    ]);
  });

  it('plans one kind per single mode', () => {
    expect(filePlan(cnic001, 'standard', site).map((i) => i.kind)).toEqual(['standard']);
    expect(filePlan(cnic001, 'original', site).map((i) => i.kind)).toEqual(['original']);
  });

  it('uses the safe stem for file names and the real name for URLs', () => {
    const n = { name: 'Type A/10 (mouse)', archive: 'Lab', originalFormat: 'Neurolucida.asc' };
    const [standard, original] = filePlan(n, 'both', site);
    expect(standard?.filename).toBe('Type_A_10_mouse.CNG.swc');
    expect(standard?.url).toContain('/Type%20A%2F10%20%28mouse%29.CNG.swc');
    expect(original?.filename).toBe('Type_A_10_mouse.asc');
  });

  it('skips the original when original_format is missing', () => {
    const [item] = filePlan({ ...cnic001, originalFormat: null }, 'original', site);
    expect(item).toEqual({
      kind: 'original',
      url: '',
      filename: 'cnic_001',
      skip: true,
      reason: SKIP_REASONS.missingOriginalFormat,
    });
    expect(item?.reason).toContain('original_format');
  });

  it('skips the original when original_format has no extension', () => {
    const [item] = filePlan({ ...cnic001, originalFormat: 'Neurolucida' }, 'original', site);
    expect(item).toMatchObject({
      url: '',
      filename: 'cnic_001',
      skip: true,
      reason: noExtensionReason('Neurolucida'),
    });
  });

  it('skips both files when the archive is missing', () => {
    const items = filePlan({ ...cnic001, archive: null }, 'both', site);
    expect(items).toEqual([
      {
        kind: 'standard',
        url: '',
        filename: 'cnic_001',
        skip: true,
        reason: SKIP_REASONS.standardMissingArchive,
      },
      { kind: 'original', url: '', filename: 'cnic_001', skip: true, reason: SKIP_REASONS.missingArchive },
    ]);
    expect(SKIP_REASONS.missingArchive).toContain('archive');
    expect(SKIP_REASONS.standardMissingArchive).toContain('archive');
  });

  it('plans every recorded neuron without a skip', () => {
    const records = loadUpstreamFixture('neuron_records_all_unique.DERIVED.json') as unknown[];
    for (const raw of records) {
      for (const item of filePlan(toNeuron(raw), 'both', site)) expect(item.skip).toBe(false);
    }
  });
});

describe("skip reasons are the reference client's texts", () => {
  it.each([
    [null, 'This neuron does not expose an original_format field.'],
    ['', 'This neuron does not expose an original_format field.'],
    ['Neurozoom', "Cannot infer original file extension from original_format='Neurozoom'."],
    ['Neurolucida.', "Cannot infer original file extension from original_format='Neurolucida.'."],
    ['.asc', "Cannot infer original file extension from original_format='.asc'."],
    // Blank text is not missing to the reference: it has no extension.
    ['  ', "Cannot infer original file extension from original_format='  '."],
    ["it's", 'Cannot infer original file extension from original_format="it\'s".'],
    ['tab\there', "Cannot infer original file extension from original_format='tab\\there'."],
  ])('original_format %j -> %j', (originalFormat, reason) => {
    const [item] = filePlan({ ...cnic001, originalFormat }, 'original', site);
    expect(item).toMatchObject({ skip: true, url: '', filename: 'cnic_001', reason });
  });

  it('names the missing archive for the original file as the reference texts it', () => {
    const [item] = filePlan({ ...cnic001, archive: null }, 'original', site);
    expect(item?.reason).toBe('original file URL could not be constructed (missing archive)');
  });
});

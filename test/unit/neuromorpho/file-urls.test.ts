import { describe, expect, it } from 'vitest';
import {
  measurementUrl,
  neuronUrls,
  originalExtension,
  originalFileUrl,
  standardSwcUrl,
  thumbnailUrl,
} from '../../../src/neuromorpho/file-urls.js';
import { toNeuron } from '../../../src/neuromorpho/neuron.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';
import { loadUpstreamFixture } from './fixtures.js';

const site = createSiteUrls('https://neuromorpho.org');
const replica = createSiteUrls('http://127.0.0.1:4010');

describe('originalExtension', () => {
  it.each([
    ['Neurolucida.asc', '.asc'],
    ['Neurozoom.swc', '.swc'],
    ['Neurolucida.dat', '.dat'],
    ['Tablet.anat', '.anat'],
    ['Eutectic.txt', '.txt'],
    ['Neurolucida.DAT', '.DAT'],
    ['TypeA-10.asc', '.asc'],
    ['a.b.c', '.c'],
    ['Custom.xml', '.morph.xml'],
  ])('%j -> %j', (format, ext) => {
    expect(originalExtension(format)).toBe(ext);
  });

  it.each([
    [null],
    [''],
    ['Neurolucida'],
    ['Neurolucida.'],
    ['.asc'],
    ['x.asc/../../evil'],
    ['x.a b'],
    ['x.a\u0000'],
  ])('gives null for %j', (format) => {
    expect(originalExtension(format)).toBeNull();
  });
});

describe('standardSwcUrl', () => {
  it('lower-cases and encodes the archive and encodes the name', () => {
    expect(standardSwcUrl({ archive: 'Wearne_Hof', name: 'cnic_001' }, site)).toBe(
      'https://neuromorpho.org/dableFiles/wearne_hof/CNG%20version/cnic_001.CNG.swc',
    );
    expect(standardSwcUrl({ archive: 'Allen Cell Types', name: 'Type A/10 (mouse)' }, site)).toBe(
      'https://neuromorpho.org/dableFiles/allen%20cell%20types/CNG%20version/Type%20A%2F10%20%28mouse%29.CNG.swc',
    );
  });

  it('is null without an archive', () => {
    expect(standardSwcUrl({ archive: null, name: 'a' }, site)).toBeNull();
    expect(standardSwcUrl({ archive: '', name: 'a' }, site)).toBeNull();
    expect(standardSwcUrl({ archive: '  ', name: 'a' }, site)).toBeNull();
  });

  it('follows the configured base', () => {
    expect(standardSwcUrl({ archive: 'Burke', name: 'x' }, replica)).toBe(
      'http://127.0.0.1:4010/dableFiles/burke/CNG%20version/x.CNG.swc',
    );
  });
});

describe('originalFileUrl', () => {
  it('appends the extension of original_format to the name', () => {
    expect(
      originalFileUrl(
        { archive: 'Siegert', name: 'CB_CKp25_2w_F_Animal01_Trace009', originalFormat: 'x.swc' },
        site,
      ),
    ).toBe('https://neuromorpho.org/dableFiles/siegert/Source-Version/CB_CKp25_2w_F_Animal01_Trace009.swc');
  });

  it('maps Custom.xml to .morph.xml', () => {
    expect(originalFileUrl({ archive: 'A', name: 'n', originalFormat: 'Custom.xml' }, site)).toBe(
      'https://neuromorpho.org/dableFiles/a/Source-Version/n.morph.xml',
    );
  });

  it('is null without an archive or an extension', () => {
    expect(originalFileUrl({ archive: null, name: 'n', originalFormat: 'N.asc' }, site)).toBeNull();
    expect(originalFileUrl({ archive: 'A', name: 'n', originalFormat: null }, site)).toBeNull();
    expect(originalFileUrl({ archive: 'A', name: 'n', originalFormat: 'Neurolucida' }, site)).toBeNull();
  });
});

describe('measurementUrl', () => {
  it('is built from the configured api base', () => {
    expect(measurementUrl(1, site)).toBe('https://neuromorpho.org/api/morphometry/id/1');
    expect(measurementUrl(604, replica)).toBe('http://127.0.0.1:4010/api/morphometry/id/604');
  });
});

describe('thumbnailUrl', () => {
  it('keeps the archive case and uses the configured base', () => {
    const n = { archive: 'Wearne_Hof', name: 'cnic_001', pngUrl: 'http://evil.example/x.png' };
    expect(thumbnailUrl(n, site)).toBe('https://neuromorpho.org/images/imageFiles/Wearne_Hof/cnic_001.png');
    expect(thumbnailUrl(n, replica)).toBe('http://127.0.0.1:4010/images/imageFiles/Wearne_Hof/cnic_001.png');
  });

  it('is null without an archive', () => {
    expect(
      thumbnailUrl({ archive: null, name: 'a', pngUrl: 'http://neuromorpho.org/a.png' }, site),
    ).toBeNull();
  });
});

describe('neuronUrls on the recorded cnic_001', () => {
  it('matches the payload png_url upgraded to https, and the reference URLs', () => {
    const n = toNeuron(loadUpstreamFixture('neuron_id_1.json'));
    const urls = neuronUrls(n, site);
    expect(urls).toEqual({
      standardSwc: 'https://neuromorpho.org/dableFiles/wearne_hof/CNG%20version/cnic_001.CNG.swc',
      originalFile: 'https://neuromorpho.org/dableFiles/wearne_hof/Source-Version/cnic_001.swc',
      measurement: 'https://neuromorpho.org/api/morphometry/id/1',
      thumbnail: 'https://neuromorpho.org/images/imageFiles/Wearne_Hof/cnic_001.png',
    });
    expect(urls.thumbnail).toBe(n.pngUrl?.replace('http://', 'https://'));
  });

  it('rebuilds every recorded png_url exactly (on an https base)', () => {
    const records = loadUpstreamFixture('neuron_records_all_unique.DERIVED.json') as unknown[];
    for (const raw of records) {
      const n = toNeuron(raw);
      expect(thumbnailUrl(n, site)).toBe(n.pngUrl?.replace('http://', 'https://'));
      expect(originalFileUrl(n, site)).not.toBeNull();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { isSameSite, sitesOfMetadata } from '../../../src/disk/folder-site.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';

const reference = JSON.stringify({
  measurement_url: 'https://neuromorpho.org/api/morphometry/id/604',
  standard_swc_url: 'https://neuromorpho.org/dableFiles/burke/CNG%20version/v_e_moto1.CNG.swc',
  original_file_url: 'https://neuromorpho.org/dableFiles/burke/Source-Version/v_e_moto1.anat',
});

describe('sitesOfMetadata', () => {
  it('reads the site base back from the URLs a metadata.json holds', () => {
    expect(sitesOfMetadata(reference)).toEqual(['https://neuromorpho.org']);
  });

  it('keeps a base with a port and a path, in the normal form', () => {
    const text = JSON.stringify({
      standard_swc_url: 'http://127.0.0.1:4010/mirror/dableFiles/a%2Fb/CNG%20version/x.CNG.swc',
      measurement_url: 'HTTP://127.0.0.1:4010/mirror/api/morphometry/id/1',
    });
    expect(sitesOfMetadata(text)).toEqual(['http://127.0.0.1:4010/mirror']);
  });

  it('lists every distinct site named, measurement first', () => {
    const text = JSON.stringify({
      measurement_url: 'https://a.example/api/morphometry/id/1',
      standard_swc_url: 'https://b.example/dableFiles/x/CNG%20version/y.CNG.swc',
    });
    expect(sitesOfMetadata(text)).toEqual(['https://a.example', 'https://b.example']);
  });

  it.each([
    ['the reference partial shape', '{}'],
    ['text cut short', '{"measurement_url": "https://neuromorpho.org/api/morph'],
    ['a list', '[]'],
    ['null URLs', JSON.stringify({ standard_swc_url: null, original_file_url: null })],
    ['URLs of no known shape', JSON.stringify({ measurement_url: 'https://x.example/elsewhere/1' })],
    ['a base that is no http URL', JSON.stringify({ measurement_url: 'ftp://x/api/morphometry/id/1' })],
  ])('names no site for %s', (_what, text) => {
    expect(sitesOfMetadata(text)).toEqual([]);
  });

  it('stays linear on a long hostile URL', () => {
    const url = `https://x/${'dableFiles/'.repeat(200_000)}`;
    expect(sitesOfMetadata(JSON.stringify({ standard_swc_url: url }))).toEqual([]);
  });
});

describe('isSameSite', () => {
  it('treats http and https of one host as one site, and different hosts, ports or paths as different', () => {
    const ours = createSiteUrls('https://neuromorpho.org');
    expect(isSameSite('https://neuromorpho.org', ours)).toBe(true);
    expect(isSameSite('http://neuromorpho.org', ours)).toBe(true);
    expect(isSameSite('https://www.neuromorpho.org', ours)).toBe(false);
    expect(isSameSite('https://neuromorpho.org:8443', ours)).toBe(false);
    expect(isSameSite('https://neuromorpho.org/mirror', ours)).toBe(false);
  });
});

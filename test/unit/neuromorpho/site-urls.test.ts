import { describe, expect, it } from 'vitest';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';

describe('createSiteUrls', () => {
  it('derives api, files and images from the site base', () => {
    expect(createSiteUrls('https://neuromorpho.org')).toEqual({
      site: 'https://neuromorpho.org',
      api: 'https://neuromorpho.org/api',
      files: 'https://neuromorpho.org/dableFiles',
      images: 'https://neuromorpho.org/images',
    });
  });

  it('strips trailing slashes', () => {
    expect(createSiteUrls('https://neuromorpho.org///').site).toBe('https://neuromorpho.org');
    expect(createSiteUrls('http://127.0.0.1:4010/mirror/').api).toBe('http://127.0.0.1:4010/mirror/api');
  });

  it('normalises scheme and host case', () => {
    expect(createSiteUrls('HTTPS://NeuroMorpho.Org').site).toBe('https://neuromorpho.org');
  });

  it.each([['not a url'], [''], ['ftp://neuromorpho.org'], ['file:///etc'], ['javascript:alert(1)']])(
    'rejects %j with a TypeError',
    (base) => {
      expect(() => createSiteUrls(base)).toThrow(TypeError);
    },
  );

  it.each([
    ['https://neuromorpho.org/?x=1'],
    ['https://neuromorpho.org/#top'],
    ['https://u:p@neuromorpho.org'],
  ])('rejects a base with query, fragment or credentials: %s', (base) => {
    expect(() => createSiteUrls(base)).toThrow(/query, fragment or credentials/);
  });

  it('names the problem in the message', () => {
    expect(() => createSiteUrls('ftp://x')).toThrow(/http or https/);
    expect(() => createSiteUrls('nope')).toThrow(/not a valid URL/);
  });
});

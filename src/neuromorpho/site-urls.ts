import type { SiteUrls } from './types.js';

/**
 * The three bases every NeuroMorpho URL is built from, derived from one configured site base such as
 * `https://neuromorpho.org` (or the replica's `http://127.0.0.1:4010`). Throws a TypeError for a base
 * that is not a plain http(s) URL, so a bad configuration fails at start-up, not at the first request.
 */
export function createSiteUrls(base: string): SiteUrls {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new TypeError(`NeuroMorpho base URL is not a valid URL: ${JSON.stringify(base)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`NeuroMorpho base URL must use http or https, got ${JSON.stringify(url.protocol)}`);
  }
  // Paths are appended to the base, so a query, fragment or credentials would end up in every URL.
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new TypeError(
      `NeuroMorpho base URL must not carry a query, fragment or credentials: ${JSON.stringify(base)}`,
    );
  }
  // The WHATWG form (lower-case scheme and host, default port dropped) so equal bases compare equal.
  const site = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  return { site, api: `${site}/api`, files: `${site}/dableFiles`, images: `${site}/images` };
}

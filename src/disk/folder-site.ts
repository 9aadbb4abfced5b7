import { createSiteUrls } from '../neuromorpho/site-urls.js';
import type { SiteUrls } from '../neuromorpho/types.js';

/**
 * metadata.json keeps the reference client's keys only, so the site a folder was downloaded from is not
 * stored as a key of its own: it is read back from the URLs the file already holds, each built from the
 * site base (`{site}/dableFiles/...`, `{site}/api/morphometry/id/{id}`). A folder the reference client
 * wrote carries `https://neuromorpho.org` URLs, so it belongs to the real site.
 */
const SITE_BEARING_KEYS = ['measurement_url', 'standard_swc_url', 'original_file_url'] as const;

const FILE_FOLDERS = new Set(['CNG%20version', 'Source-Version']);

/** The site base a NeuroMorpho URL was built from, or null when it has neither known shape. */
function siteBaseOf(url: string): string | null {
  // Split from the end, not matched with a regex: linear whatever the (untrusted) text.
  const parts = url.split('/');
  const n = parts.length;
  let base: string | null = null;
  if (n > 4 && parts[n - 4] === 'dableFiles' && FILE_FOLDERS.has(parts[n - 2] as string)) {
    base = parts.slice(0, n - 4).join('/');
  } else if (
    n > 4 &&
    parts[n - 4] === 'api' &&
    parts[n - 3] === 'morphometry' &&
    parts[n - 2] === 'id' &&
    /^\d{1,10}$/.test(parts[n - 1] as string)
  ) {
    base = parts.slice(0, n - 4).join('/');
  }
  if (base === null) return null;
  try {
    return createSiteUrls(base).site;
  } catch {
    return null;
  }
}

/** The distinct sites named by a metadata.json text, in key order; empty when it names none (`{}`, unreadable). */
export function sitesOfMetadata(metadataText: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadataText);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [];
  const sites: string[] = [];
  for (const key of SITE_BEARING_KEYS) {
    const value = (parsed as Record<string, unknown>)[key];
    const site = typeof value === 'string' ? siteBaseOf(value) : null;
    if (site !== null && !sites.includes(site)) sites.push(site);
  }
  return sites;
}

/**
 * Same site when host, port and path agree: `http://` and `https://` of one host are one site (payload
 * links are http, the configured base usually https).
 */
export function isSameSite(site: string, ours: SiteUrls): boolean {
  const withoutScheme = (value: string) => value.replace(/^https?:\/\//, '');
  return withoutScheme(site) === withoutScheme(ours.site);
}

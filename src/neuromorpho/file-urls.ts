import { percentEncode } from './percent-encode.js';
import type { NeuronRecord, SiteUrls } from './types.js';

// The extension goes into a file name on disk, so it is one plain token: no separators, no dots.
const SAFE_EXTENSION = /^\.[A-Za-z0-9_-]+$/;

/**
 * The original file's extension, dot included, from `original_format` (`<software>.<ext>`):
 * `Neurolucida.asc` -> `.asc`, kept in the case sent. `Custom.xml` files are stored as `.morph.xml`
 * (API spec, section 8). Null when there is no usable extension: no dot, a trailing dot, only a leading
 * dot (Python's splitext treats `.asc` as a name), or anything but letters, digits, `_` and `-` after
 * the dot.
 */
export function originalExtension(originalFormat: string | null): string | null {
  if (originalFormat === null) return null;
  const dot = originalFormat.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = originalFormat.slice(dot);
  if (!SAFE_EXTENSION.test(ext)) return null;
  if (originalFormat.toLowerCase() === 'custom.xml') return '.morph.xml';
  return ext;
}

/** The archive's folder name in the file tree (lower-cased), or null when the neuron has no archive. */
function archiveFolder(archive: string | null): string | null {
  return hasArchive(archive) ? percentEncode(archive.toLowerCase()) : null;
}

function hasArchive(archive: string | null): archive is string {
  return archive !== null && archive.trim() !== '';
}

/** `{files}/{archive lc}/CNG%20version/{name}.CNG.swc`; null without an archive (the reference raises). */
export function standardSwcUrl(n: Pick<NeuronRecord, 'archive' | 'name'>, site: SiteUrls): string | null {
  const folder = archiveFolder(n.archive);
  if (folder === null) return null;
  return `${site.files}/${folder}/CNG%20version/${percentEncode(n.name)}.CNG.swc`;
}

/** `{files}/{archive lc}/Source-Version/{name}{ext}`; null without an archive or an extension. */
export function originalFileUrl(
  n: Pick<NeuronRecord, 'archive' | 'name' | 'originalFormat'>,
  site: SiteUrls,
): string | null {
  const folder = archiveFolder(n.archive);
  const ext = originalExtension(n.originalFormat);
  if (folder === null || ext === null) return null;
  return `${site.files}/${folder}/Source-Version/${percentEncode(n.name + ext)}`;
}

/** Built from the configured base, never from the payload's `_links`, so every request stays on it. */
export function measurementUrl(neuronId: number, site: SiteUrls): string {
  return `${site.api}/morphometry/id/${neuronId}`;
}

/**
 * `{images}/imageFiles/{archive as-is}/{name}.png`: the pattern every payload's png_url follows, rebuilt
 * on the configured base because the gateway never fetches a URL taken from a payload. Null without an
 * archive. `pngUrl` is deliberately not consulted: every real record has one, and the built URL must not
 * depend on payload text.
 */
export function thumbnailUrl(
  n: Pick<NeuronRecord, 'archive' | 'name' | 'pngUrl'>,
  site: SiteUrls,
): string | null {
  if (!hasArchive(n.archive)) return null;
  return `${site.images}/imageFiles/${percentEncode(n.archive)}/${percentEncode(n.name)}.png`;
}

export interface NeuronUrls {
  standardSwc: string | null;
  originalFile: string | null;
  measurement: string;
  thumbnail: string | null;
}

/** The reference's get_urls: every URL of one neuron, pure. */
export function neuronUrls(
  n: Pick<NeuronRecord, 'neuronId' | 'archive' | 'name' | 'originalFormat' | 'pngUrl'>,
  site: SiteUrls,
): NeuronUrls {
  return {
    standardSwc: standardSwcUrl(n, site),
    originalFile: originalFileUrl(n, site),
    measurement: measurementUrl(n.neuronId, site),
    thumbnail: thumbnailUrl(n, site),
  };
}

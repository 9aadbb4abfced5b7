import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { METADATA_FILENAME } from '../neuromorpho/reserved-names.js';
import type { SiteUrls } from '../neuromorpho/types.js';
import { resolveInsideRoot } from './confine.js';
import { isSameSite, sitesOfMetadata } from './folder-site.js';
import { readRegularFile } from './no-follow.js';
import { isTempName } from './temp-files.js';

/** What one neuron folder holds, read once, for cache status and for a download's "already there" check. */
export interface FolderView {
  /** Regular files in the folder; links, sub-folders, hidden and temporary files are left out. */
  files: ReadonlySet<string>;
  /** metadata.json is a regular file here: the mark of a finished download. */
  metadataExists: boolean;
  /** Its text, when it could be read. */
  metadataText: string | null;
  /** The site the metadata's URLs were built from; null when it names none (`{}`, unreadable, absent). */
  site: string | null;
  /** The metadata names a site other than this gateway's. */
  fromOtherSite: boolean;
  /**
   * The folder's files may be taken as complete downloads from this site: metadata.json is there (it is
   * written last, so a folder without it is an interrupted download) and names no other site.
   */
  trusted: boolean;
}

/** Reads a neuron folder (already known to be a real one); null when it cannot be listed. */
export async function readFolderView(folder: string, site: SiteUrls): Promise<FolderView | null> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return null;
  }
  const files = new Set(
    entries
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !isTempName(entry.name))
      .map((entry) => entry.name),
  );
  const metadataExists = files.has(METADATA_FILENAME);
  const metadataText = metadataExists
    ? await readRegularFile(resolveInsideRoot(folder, METADATA_FILENAME))
    : null;
  const sites = metadataText === null ? [] : sitesOfMetadata(metadataText);
  // A folder naming no site at all (the reference's `{}` partial shape) is given the benefit of the
  // doubt: it holds NeuroMorpho files, and nothing says they came from elsewhere.
  const otherSite = sites.find((named) => !isSameSite(named, site));
  const fromOtherSite = otherSite !== undefined;
  return {
    files,
    metadataExists,
    metadataText,
    site: otherSite ?? sites[0] ?? null,
    fromOtherSite,
    trusted: metadataExists && !fromOtherSite,
  };
}

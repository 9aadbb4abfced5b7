import { filePlan } from '../neuromorpho/file-plan.js';
import type { NeuronRecord, SiteUrls } from '../neuromorpho/types.js';
import { resolveInsideRoot } from './confine.js';
import { readFolderView } from './folder-view.js';
import { folderKind, neuronFolder } from './neuron-folder.js';
import { openRegularFile } from './no-follow.js';

/** What the cache holds of a neuron's standard file. */
export type CachedFileRead =
  | { kind: 'absent' }
  | { kind: 'too-large'; sizeBytes: number }
  | { kind: 'read'; bytes: Uint8Array };

const ABSENT: CachedFileRead = { kind: 'absent' };

/**
 * The standard SWC file of a finished download of this site (metadata.json present, naming no other site),
 * read whole; a file over `maxBytes` is not read. Only a real folder inside the root and a regular file in
 * it count (never through a link, opened with O_NOFOLLOW). Anything unreadable counts as absent: the
 * caller then fetches the file from NeuroMorpho.
 */
export async function readCachedStandardFile(
  root: string,
  neuron: NeuronRecord,
  site: SiteUrls,
  maxBytes: number,
): Promise<CachedFileRead> {
  const item = filePlan(neuron, 'standard', site)[0];
  if (item === undefined || item.skip) return ABSENT;
  const folder = neuronFolder(root, neuron.neuronId);
  if ((await folderKind(root, folder).catch(() => 'unsafe')) !== 'folder') return ABSENT;
  const view = await readFolderView(folder, site);
  if (view === null || !view.trusted || !view.files.has(item.filename)) return ABSENT;
  const handle = await openRegularFile(resolveInsideRoot(folder, item.filename));
  if (handle === null) return ABSENT;
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return { kind: 'too-large', sizeBytes: size };
    const bytes = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) return ABSENT;
      at += bytesRead;
    }
    return { kind: 'read', bytes };
  } catch {
    return ABSENT;
  } finally {
    await handle.close();
  }
}

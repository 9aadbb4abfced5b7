import { filePlan } from '../neuromorpho/file-plan.js';
import { toNeuron } from '../neuromorpho/neuron.js';
import { METADATA_FILENAME } from '../neuromorpho/reserved-names.js';
import type { FileKind, NeuronRecord, SiteUrls } from '../neuromorpho/types.js';
import { createLimiter } from '../util/concurrency.js';
import { type FolderView, readFolderView } from './folder-view.js';
import { neuronPayloadOf } from './metadata.js';
import { listNeuronFolders, neuronFolder } from './neuron-folder.js';
import { namesOnDisk } from './original-names.js';

export interface CacheStatus {
  neuronId: number;
  configured: boolean;
  folder: string | null;
  /** A folder of this site's is there (false for another site's folder). */
  exists: boolean;
  metadataExists: boolean;
  standardExists: boolean;
  originalExists: boolean;
  /** The folder has no metadata.json: an interrupted download, whose files are not trusted. */
  incomplete: boolean;
  /** The site the folder's files came from, read from its metadata.json URLs; null when unknown. */
  site: string | null;
  /** The folder was downloaded from another site: nothing in it counts for this gateway. */
  fromOtherSite: boolean;
}

/** The file names each kind of file may have on disk; null when the neuron is unknown. */
type ExpectedNames = Record<FileKind, readonly string[]> | null;

function notConfigured(neuronId: number): CacheStatus {
  return {
    neuronId,
    configured: false,
    folder: null,
    exists: false,
    metadataExists: false,
    standardExists: false,
    originalExists: false,
    incomplete: false,
    site: null,
    fromOtherSite: false,
  };
}

function expectedNames(neuron: NeuronRecord, site: SiteUrls): ExpectedNames {
  const names: Record<FileKind, string[]> = { standard: [], original: [] };
  for (const item of filePlan(neuron, 'both', site)) {
    if (!item.skip) names[item.kind].push(...namesOnDisk(item, neuron));
  }
  return names;
}

/**
 * Without a readable neuron record (metadata.json is `{}`, lacks `neuron`, or does not parse) the
 * names in the folder tell, as the reference client reads them: `*.CNG.swc` is the standard file, any
 * other data file the original.
 */
function presentByName(files: ReadonlySet<string>, kind: FileKind): boolean {
  for (const name of files) {
    if (name === METADATA_FILENAME) continue;
    if (name.endsWith('.CNG.swc') === (kind === 'standard')) return true;
  }
  return false;
}

function statusFrom(
  neuronId: number,
  folder: string,
  view: FolderView | null,
  expected: ExpectedNames,
): CacheStatus {
  const base = { ...notConfigured(neuronId), configured: true, folder };
  if (view === null) return base;
  if (view.fromOtherSite) return { ...base, site: view.site, fromOtherSite: true };
  if (!view.trusted) return { ...base, exists: true, incomplete: true };
  const has = (kind: FileKind) =>
    expected === null ? presentByName(view.files, kind) : expected[kind].some((name) => view.files.has(name));
  return {
    ...base,
    exists: true,
    metadataExists: true,
    standardExists: has('standard'),
    originalExists: has('original'),
    site: view.site,
  };
}

/**
 * What is on disk for many neurons at once: one listing of the root, then one listing (and one
 * metadata.json read, for the folder's site) per neuron that has a folder, so a page of uncached
 * neurons costs a single system call. With no cache configured everything is false and folder null.
 */
export async function readCacheStatuses(
  root: string | null,
  neurons: readonly NeuronRecord[],
  site: SiteUrls,
): Promise<CacheStatus[]> {
  if (root === null) return neurons.map((neuron) => notConfigured(neuron.neuronId));
  const folders = await listNeuronFolders(root);
  return Promise.all(
    neurons.map(async (neuron) => {
      const folder = neuronFolder(root, neuron.neuronId);
      const view = folders.has(String(neuron.neuronId)) ? await readFolderView(folder, site) : null;
      return statusFrom(neuron.neuronId, folder, view, view === null ? null : expectedNames(neuron, site));
    }),
  );
}

/** One neuron's status (the batched form is readCacheStatuses). */
export async function readCacheStatus(
  root: string | null,
  neuron: NeuronRecord,
  site: SiteUrls,
): Promise<CacheStatus> {
  return (await readCacheStatuses(root, [neuron], site))[0] as CacheStatus;
}

/** The neuron record a folder's metadata.json holds, or null (absent, `{}`, no `neuron`, not a record). */
export function neuronOfView(view: FolderView): NeuronRecord | null {
  const payload = view.metadataText === null ? null : neuronPayloadOf(view.metadataText);
  if (payload === null) return null;
  try {
    return toNeuron(payload);
  } catch {
    return null;
  }
}

/**
 * Status of the listed neuron folders (ids from listNeuronIdsPage), in the order given; file names come
 * from each folder's own record. At most `concurrency` folders are read at once.
 */
export async function readListedStatuses(
  root: string,
  ids: readonly number[],
  site: SiteUrls,
  concurrency: number,
): Promise<CacheStatus[]> {
  const limiter = createLimiter(concurrency);
  return Promise.all(
    ids.map((id) =>
      limiter.run(async () => {
        const folder = neuronFolder(root, id);
        const view = await readFolderView(folder, site);
        const neuron = view === null ? null : neuronOfView(view);
        // A record naming another neuron is not this folder's: fall back to the names present.
        const known = neuron !== null && neuron.neuronId === id ? expectedNames(neuron, site) : null;
        return statusFrom(id, folder, view, known);
      }),
    ),
  );
}

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

/** Every neuron's status when no cache is configured: all false, folder null. */
export function statusesNotConfigured(neurons: readonly NeuronRecord[]): CacheStatus[] {
  return neurons.map((neuron) => notConfigured(neuron.neuronId));
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
  if (root === null) return statusesNotConfigured(neurons);
  return readCacheStatusesIn(root, await listNeuronFolders(root), neurons, site);
}

/** The statuses of a page of neurons, given the names of the neuron folders at the root. */
export interface StatusReader {
  /** Each neuron's status, in order, with `folders` the listing of the root. */
  read(folders: ReadonlySet<string>, neurons: readonly NeuronRecord[]): Promise<CacheStatus[]>;
  /** The status of a neuron whose folder `folders` does not list (nothing to read), else undefined. */
  unlisted(folders: ReadonlySet<string>, neuron: NeuronRecord): CacheStatus | undefined;
}

/**
 * readCacheStatuses with the root's neuron folder names already known (folder-index.ts keeps them), so
 * a page of uncached neurons costs no system call at all. What depends on the record alone (its folder's
 * path, the file names it may have, the answer when it has no folder) is worked out once per record
 * object: the memory store hands every request the same records. Those answers are shared, so nothing
 * may change a status it was given (none of its readers does).
 */
export function createStatusReader(root: string, site: SiteUrls): StatusReader {
  const folderOf = new WeakMap<NeuronRecord, string>();
  const absentOf = new WeakMap<NeuronRecord, CacheStatus>();
  const expectedOf = new WeakMap<NeuronRecord, ExpectedNames>();
  const folderPath = (neuron: NeuronRecord) => {
    let folder = folderOf.get(neuron);
    if (folder === undefined) {
      folder = neuronFolder(root, neuron.neuronId);
      folderOf.set(neuron, folder);
    }
    return folder;
  };
  const absent = (neuron: NeuronRecord) => {
    let status = absentOf.get(neuron);
    if (status === undefined) {
      status = statusFrom(neuron.neuronId, folderPath(neuron), null, null);
      absentOf.set(neuron, status);
    }
    return status;
  };
  const expected = (neuron: NeuronRecord) => {
    let names = expectedOf.get(neuron);
    if (names === undefined) {
      names = expectedNames(neuron, site);
      expectedOf.set(neuron, names);
    }
    return names;
  };
  async function present(neuron: NeuronRecord): Promise<CacheStatus> {
    const folder = folderPath(neuron);
    const view = await readFolderView(folder, site);
    // Listed but gone (another process removed it since): the same answer as no folder.
    return view === null ? absent(neuron) : statusFrom(neuron.neuronId, folder, view, expected(neuron));
  }
  return {
    read: (folders, neurons) =>
      Promise.all(
        neurons.map((neuron) =>
          folders.has(String(neuron.neuronId)) ? present(neuron) : Promise.resolve(absent(neuron)),
        ),
      ),
    unlisted: (folders, neuron) => (folders.has(String(neuron.neuronId)) ? undefined : absent(neuron)),
  };
}

/** readCacheStatuses for a root whose listing is known: the one-off form of createStatusReader. */
export function readCacheStatusesIn(
  root: string,
  folders: ReadonlySet<string>,
  neurons: readonly NeuronRecord[],
  site: SiteUrls,
): Promise<CacheStatus[]> {
  return createStatusReader(root, site).read(folders, neurons);
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

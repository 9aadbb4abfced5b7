import { toMeasurement } from '../neuromorpho/measurement.js';
import { toNeuron } from '../neuromorpho/neuron.js';
import { parsePayload } from '../neuromorpho/payload-json.js';
import { isRawPayload } from '../neuromorpho/raw-payload.js';
import type { RawPayload, SiteUrls } from '../neuromorpho/types.js';
import type { OfflineCopy, OfflineSource } from '../upstream/offline-fallback.js';
import { createLimiter } from '../util/concurrency.js';
import { readFolderView } from './folder-view.js';
import { folderKind, listNeuronFolders, neuronFolder } from './neuron-folder.js';

/** Folders read at once: enough to overlap disk latency on a batch of hundreds, few enough to share. */
const FOLDER_READS_AT_ONCE = 16;

export interface OfflineCopiesOptions {
  /** CACHE_DIR; null when the on-disk cache is disabled (then there are no copies). */
  root: string | null;
  site: SiteUrls;
}

/** The neuron payload a record of `neuronId` can be made of; else null. */
function neuronOf(metadata: RawPayload, neuronId: number): RawPayload | null {
  const raw = metadata.neuron;
  if (!isRawPayload(raw)) return null;
  try {
    return toNeuron(raw).neuronId === neuronId ? raw : null;
  } catch {
    return null;
  }
}

/** The measurement payload of `neuronId`; null when the download kept none or it is unusable. */
function measurementOf(metadata: RawPayload, neuronId: number): RawPayload | null {
  const raw = metadata.measurement;
  if (!isRawPayload(raw)) return null;
  try {
    // A record naming another neuron is not this neuron's measurement; `raw` has neuron_id filled in.
    const measurement = toMeasurement(raw, neuronId);
    return measurement.neuronId === neuronId ? measurement.raw : null;
  } catch {
    return null;
  }
}

/** One neuron's copy, trusted as readCachedNeuron trusts it: a real folder, finished, of this site. */
async function readCopy(root: string, neuronId: number, site: SiteUrls): Promise<OfflineCopy | null> {
  const folder = neuronFolder(root, neuronId);
  if ((await folderKind(root, folder)) !== 'folder') return null;
  const view = await readFolderView(folder, site);
  if (view === null || !view.trusted || view.metadataText === null) return null;
  const metadata = parsePayload(view.metadataText);
  if (!isRawPayload(metadata)) return null;
  const neuron = neuronOf(metadata, neuronId);
  return neuron === null ? null : { neuron, measurement: measurementOf(metadata, neuronId) };
}

/**
 * The neurons downloaded into the cache root, as the client's offline source: their metadata.json keeps
 * the neuron and measurement payloads as NeuroMorpho sent them. One listing of the root, then one read
 * per asked neuron that has a folder, so a batch of neurons never downloaded costs one system call.
 */
export function createOfflineCopies(options: OfflineCopiesOptions): OfflineSource {
  const { root, site } = options;
  const limiter = createLimiter(FOLDER_READS_AT_ONCE);
  return {
    async read(neuronIds) {
      const copies = new Map<number, OfflineCopy>();
      if (root === null || neuronIds.length === 0) return copies;
      const folders = await listNeuronFolders(root);
      const present = [...new Set(neuronIds)].filter((id) => folders.has(String(id)));
      await Promise.all(
        present.map((id) =>
          limiter.run(async () => {
            // A folder that cannot be read is no copy: the upstream failure stands for that neuron.
            const copy = await readCopy(root, id, site).catch(() => null);
            if (copy !== null) copies.set(id, copy);
          }),
        ),
      );
      return copies;
    },
  };
}

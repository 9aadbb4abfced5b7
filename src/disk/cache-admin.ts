import { rm } from 'node:fs/promises';
import type { NeuronRecord, SiteUrls } from '../neuromorpho/types.js';
import { neuronOfView } from './cache-status.js';
import { rethrowAsCacheWriteError } from './disk-errors.js';
import { readFolderView } from './folder-view.js';
import { folderKind, neuronFolder } from './neuron-folder.js';

/**
 * Removes one neuron's folder; true only when there was one to remove. Only a real folder named by the
 * canonical id counts (`007` is not neuron 7's); a link at that path is left alone, its target too, and
 * removal never follows a link found inside the folder (node's rm unlinks links, it does not descend).
 */
export async function removeCachedNeuron(root: string, neuronId: number): Promise<boolean> {
  const folder = neuronFolder(root, neuronId);
  if ((await folderKind(root, folder).catch(() => 'unsafe')) !== 'folder') return false;
  await rm(folder, { recursive: true, force: true }).catch(rethrowAsCacheWriteError);
  return true;
}

/**
 * The neuron record kept in a cached metadata.json, or null when there is none to trust: no folder, an
 * interrupted download (no metadata.json), a record of another site, or no readable record.
 */
export async function readCachedNeuron(
  root: string,
  neuronId: number,
  site: SiteUrls,
): Promise<NeuronRecord | null> {
  const folder = neuronFolder(root, neuronId);
  if ((await folderKind(root, folder).catch(() => 'unsafe')) !== 'folder') return null;
  const view = await readFolderView(folder, site);
  if (view === null || !view.trusted) return null;
  const neuron = neuronOfView(view);
  return neuron?.neuronId === neuronId ? neuron : null;
}

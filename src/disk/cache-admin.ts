import { readdir, readFile, rm } from 'node:fs/promises';
import { toNeuron } from '../neuromorpho/neuron.js';
import type { NeuronRecord } from '../neuromorpho/types.js';
import { METADATA_FILENAME, neuronFolder } from './cache-status.js';
import { resolveInsideRoot } from './confine.js';
import { neuronPayloadOf } from './metadata.js';

const NEURON_FOLDER = /^\d{1,10}$/;

/** Ids of the neuron folders under the root (numeric names), ascending. */
export async function listCachedIds(root: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  return names
    .filter((name) => NEURON_FOLDER.test(name))
    .map(Number)
    .sort((a, b) => a - b);
}

/** Removes one neuron's folder; false when there was none. */
export async function removeCachedNeuron(root: string, neuronId: number): Promise<boolean> {
  const ids = await listCachedIds(root);
  if (!ids.includes(neuronId)) return false;
  await rm(neuronFolder(root, neuronId), { recursive: true, force: true });
  return true;
}

/** Removes every neuron folder; other files at the root are left alone. Returns how many went. */
export async function clearCachedNeurons(root: string): Promise<number> {
  const ids = await listCachedIds(root);
  for (const id of ids) await rm(neuronFolder(root, id), { recursive: true, force: true });
  return ids.length;
}

/** The neuron record kept in a cached metadata.json, or null when there is none to read. */
export async function readCachedNeuron(root: string, neuronId: number): Promise<NeuronRecord | null> {
  try {
    const text = await readFile(resolveInsideRoot(neuronFolder(root, neuronId), METADATA_FILENAME), 'utf8');
    const payload = neuronPayloadOf(text);
    return payload ? toNeuron(payload) : null;
  } catch {
    return null;
  }
}

import { readdir } from 'node:fs/promises';
import { filePlan } from '../neuromorpho/file-plan.js';
import type { NeuronRecord, SiteUrls } from '../neuromorpho/types.js';
import { resolveInsideRoot } from './confine.js';

export interface CacheStatus {
  neuronId: number;
  configured: boolean;
  folder: string | null;
  exists: boolean;
  metadataExists: boolean;
  standardExists: boolean;
  originalExists: boolean;
}

export const METADATA_FILENAME = 'metadata.json';

export function neuronFolder(root: string, neuronId: number): string {
  return resolveInsideRoot(root, String(neuronId));
}

/** Names in a folder, or null when it does not exist (or cannot be read). */
async function namesIn(folder: string): Promise<Set<string> | null> {
  try {
    return new Set(await readdir(folder));
  } catch {
    return null;
  }
}

function notConfigured(neuronId: number): CacheStatus {
  return {
    neuronId,
    configured: false,
    folder: null,
    exists: false,
    metadataExists: false,
    standardExists: false,
    originalExists: false,
  };
}

/** Status from the names in a neuron's folder (null: no folder); file names come from the neuron's plan. */
function statusFrom(
  root: string,
  neuron: NeuronRecord,
  names: Set<string> | null,
  site: SiteUrls,
): CacheStatus {
  const plan = names === null ? [] : filePlan(neuron, 'both', site);
  const has = (kind: 'standard' | 'original') => {
    const item = plan.find((planned) => planned.kind === kind);
    return item !== undefined && !item.skip && (names?.has(item.filename) ?? false);
  };
  return {
    neuronId: neuron.neuronId,
    configured: true,
    folder: neuronFolder(root, neuron.neuronId),
    exists: names !== null,
    metadataExists: names?.has(METADATA_FILENAME) ?? false,
    standardExists: has('standard'),
    originalExists: has('original'),
  };
}

/**
 * What is on disk for many neurons at once: one listing of the root, then one listing per neuron that
 * has a folder, so a page of uncached neurons costs a single system call. With no cache configured
 * everything is false and folder null.
 */
export async function readCacheStatuses(
  root: string | null,
  neurons: readonly NeuronRecord[],
  site: SiteUrls,
): Promise<CacheStatus[]> {
  if (root === null) return neurons.map((neuron) => notConfigured(neuron.neuronId));
  const folders = (await namesIn(root)) ?? new Set<string>();
  return Promise.all(
    neurons.map(async (neuron) => {
      const names = folders.has(String(neuron.neuronId))
        ? await namesIn(neuronFolder(root, neuron.neuronId))
        : null;
      return statusFrom(root, neuron, names, site);
    }),
  );
}

/** Status of a neuron folder whose metadata cannot be read: the file names are unknown. */
export async function readFolderStatus(root: string, neuronId: number): Promise<CacheStatus> {
  const names = await namesIn(neuronFolder(root, neuronId));
  return {
    ...notConfigured(neuronId),
    configured: true,
    folder: neuronFolder(root, neuronId),
    exists: names !== null,
    metadataExists: names?.has(METADATA_FILENAME) ?? false,
  };
}

/** One neuron's status (the batched form is readCacheStatuses). */
export async function readCacheStatus(
  root: string | null,
  neuron: NeuronRecord,
  site: SiteUrls,
): Promise<CacheStatus> {
  return (await readCacheStatuses(root, [neuron], site))[0] as CacheStatus;
}

import { access } from 'node:fs/promises';
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

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export function neuronFolder(root: string, neuronId: number): string {
  return resolveInsideRoot(root, String(neuronId));
}

/** What is on disk for one neuron; with no cache configured everything is false and folder null. */
export async function readCacheStatus(
  root: string | null,
  neuron: NeuronRecord,
  site: SiteUrls,
): Promise<CacheStatus> {
  if (root === null) {
    return {
      neuronId: neuron.neuronId,
      configured: false,
      folder: null,
      exists: false,
      metadataExists: false,
      standardExists: false,
      originalExists: false,
    };
  }
  const folder = neuronFolder(root, neuron.neuronId);
  const fileExists = async (kind: 'standard' | 'original') => {
    const item = filePlan(neuron, 'both', site).find((planned) => planned.kind === kind);
    return item !== undefined && !item.skip && exists(resolveInsideRoot(folder, item.filename));
  };
  const [folderExists, metadataExists, standardExists, originalExists] = await Promise.all([
    exists(folder),
    exists(resolveInsideRoot(folder, METADATA_FILENAME)),
    fileExists('standard'),
    fileExists('original'),
  ]);
  return {
    neuronId: neuron.neuronId,
    configured: true,
    folder,
    exists: folderExists,
    metadataExists,
    standardExists,
    originalExists,
  };
}

/** Status of a neuron folder whose metadata cannot be read: the file names are unknown. */
export async function readFolderStatus(root: string, neuronId: number): Promise<CacheStatus> {
  const folder = neuronFolder(root, neuronId);
  const [folderExists, metadataExists] = await Promise.all([
    exists(folder),
    exists(resolveInsideRoot(folder, METADATA_FILENAME)),
  ]);
  return {
    neuronId,
    configured: true,
    folder,
    exists: folderExists,
    metadataExists,
    standardExists: false,
    originalExists: false,
  };
}

import type { Dir, Dirent } from 'node:fs';
import { lstat, mkdir, opendir, readdir, realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PathEscapeError, resolveInsideRoot } from './confine.js';

// The canonical decimal form only: a folder named `007` is not neuron 7's.
const NEURON_FOLDER_NAME = /^(?:0|[1-9]\d{0,9})$/;

export function isNeuronFolderName(name: string): boolean {
  return NEURON_FOLDER_NAME.test(name);
}

export function neuronFolder(root: string, neuronId: number): string {
  return resolveInsideRoot(root, String(neuronId));
}

/** Entries of the root that are neuron folders: real directories (never links) with a canonical id name. */
export async function listNeuronFolders(root: string): Promise<Set<string>> {
  let entries: Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return new Set();
  }
  return new Set(
    entries
      .filter((entry) => entry.isDirectory() && isNeuronFolderName(entry.name))
      .map((entry) => entry.name),
  );
}

/** The `count` smallest ids, ascending. */
function smallest(ids: number[], count: number): number[] {
  return ids.sort((a, b) => a - b).slice(0, count);
}

/**
 * Up to `first` neuron folder ids above `afterId`, ascending. The root is streamed, never read whole,
 * and at most twice `first` ids are held at once, so memory stays bounded however many folders there are.
 */
export async function listNeuronIdsPage(
  root: string,
  first: number,
  afterId: number | null,
): Promise<number[]> {
  if (first < 1) return [];
  let kept: number[] = [];
  let dir: Dir;
  try {
    dir = await opendir(root);
  } catch {
    return [];
  }
  for await (const entry of dir) {
    if (!entry.isDirectory() || !isNeuronFolderName(entry.name)) continue;
    const id = Number(entry.name);
    if (afterId !== null && id <= afterId) continue;
    kept.push(id);
    if (kept.length >= 2 * first) kept = smallest(kept, first);
  }
  return smallest(kept, first);
}

export type FolderKind = 'absent' | 'folder' | 'unsafe';

/**
 * What stands at a neuron folder's path: nothing, a real directory directly inside the real root, or
 * something the cache must not write through (a symbolic link, a file). Lexical confinement
 * (resolveInsideRoot) cannot see links; this can. The root itself may be a link: that is the
 * administrator's choice, so it is resolved, not refused.
 */
export async function folderKind(root: string, folder: string): Promise<FolderKind> {
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(folder);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return 'absent';
    throw error;
  }
  if (!info.isDirectory()) return 'unsafe';
  const [realRoot, realFolder] = await Promise.all([realpath(root), realpath(folder)]);
  return realFolder === join(realRoot, basename(folder)) ? 'folder' : 'unsafe';
}

function unsafeFolder(folder: string): PathEscapeError {
  return new PathEscapeError(
    `refusing to write through ${JSON.stringify(basename(folder))}: it is not a plain folder inside the cache root (a link?)`,
  );
}

/** Throws UNSAFE_PATH unless `folder` is (still) a real directory inside the root. */
export async function assertNeuronFolder(root: string, folder: string): Promise<void> {
  if ((await folderKind(root, folder)) !== 'folder') throw unsafeFolder(folder);
}

/** Refuses a link or file at the folder's path; resolves to whether a folder is there. */
export async function checkNeuronFolder(root: string, folder: string): Promise<boolean> {
  const kind = await folderKind(root, folder);
  if (kind === 'unsafe') throw unsafeFolder(folder);
  return kind === 'folder';
}

/**
 * Creates the neuron folder when it is absent and checks it is a real one; `created` tells whether this
 * call made it (so a failed download removes only what it made). File-system errors propagate as they are.
 */
export async function ensureNeuronFolder(root: string, folder: string): Promise<{ created: boolean }> {
  if (await checkNeuronFolder(root, folder)) return { created: false };
  await mkdir(root, { recursive: true });
  let created = true;
  try {
    await mkdir(folder);
  } catch (error) {
    // Made meanwhile by another download (perhaps another gateway on a shared volume): check it again.
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    created = false;
  }
  await assertNeuronFolder(root, folder);
  return { created };
}

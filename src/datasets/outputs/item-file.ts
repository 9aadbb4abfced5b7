import { type FileHandle, lstat } from 'node:fs/promises';
import { resolveInsideRoot } from '../../disk/confine.js';
import { folderKind, isNeuronFolderName } from '../../disk/neuron-folder.js';
import { openRegularFile } from '../../disk/no-follow.js';
import { isTempName } from '../../disk/temp-files.js';

/**
 * The path of a dataset file (`<neuronId>/<filename>`, relative to the cache root) inside the root, or
 * null when it does not name a file of a neuron folder: any other shape, a segment that would leave the
 * root (confine.ts), a hidden or temporary file name. Lexical only; see openItemFile for links.
 */
export function itemFilePath(root: string, relativePath: string): string | null {
  const segments = relativePath.split('/');
  if (segments.length !== 2) return null;
  const [folderName, filename] = segments as [string, string];
  if (!isNeuronFolderName(folderName) || filename.startsWith('.') || isTempName(filename)) return null;
  try {
    return resolveInsideRoot(root, folderName, filename);
  } catch {
    return null;
  }
}

/** Whether the neuron folder holding `path` is a real directory directly inside the real root (no link). */
async function inRealFolder(root: string, relativePath: string): Promise<boolean> {
  const folderName = relativePath.split('/')[0] as string;
  try {
    return (await folderKind(root, resolveInsideRoot(root, folderName))) === 'folder';
  } catch {
    return false;
  }
}

/** Size and mtime of the dataset file, or null when there is no such regular file reached without a link. */
export async function itemFileInfo(
  root: string,
  relativePath: string,
): Promise<{ size: number; mtime: Date } | null> {
  const path = itemFilePath(root, relativePath);
  if (path === null || !(await inRealFolder(root, relativePath))) return null;
  try {
    const info = await lstat(path);
    return info.isFile() ? { size: info.size, mtime: info.mtime } : null;
  } catch {
    return null;
  }
}

/**
 * Opens a dataset file for reading, never through a symbolic link (neither the neuron folder nor the file:
 * O_NOFOLLOW and an fstat/lstat match, as `/files` does), or null when there is none. The caller reads from
 * the handle and closes it.
 */
export async function openItemFile(root: string, relativePath: string): Promise<FileHandle | null> {
  const path = itemFilePath(root, relativePath);
  if (path === null || !(await inRealFolder(root, relativePath))) return null;
  return openRegularFile(path);
}

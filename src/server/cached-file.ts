import type { FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { resolveInsideRoot } from '../disk/confine.js';
import { folderKind } from '../disk/neuron-folder.js';
import { openRegularFile } from '../disk/no-follow.js';
import { isTempName } from '../disk/temp-files.js';

const CONTENT_TYPES: Record<string, string> = {
  '.swc': 'text/plain',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.asc': 'text/plain',
  '.txt': 'text/plain',
};

/** `/files/{neuronId}/{filename}` (the file name still percent-encoded). */
const FILE_PATH = /^\/files\/(\d{1,10})\/([^/]+)$/;

export interface CachedFile {
  handle: FileHandle;
  contentType: string;
}

/**
 * Opens the cached file a `/files/...` path names, or null when there is none to serve. Only regular
 * files in a real neuron folder are ever opened: every segment goes through the one confinement
 * function, no link is followed (neither at the folder nor at the file: O_NOFOLLOW, and what was
 * opened is checked to be a regular file, so a named pipe is refused too), and temporary or hidden
 * files never are. The caller streams from the handle, never from the path, and closes it.
 */
export async function openCachedFile(root: string, path: string): Promise<CachedFile | null> {
  const match = FILE_PATH.exec(path);
  if (!match) return null;
  try {
    const name = decodeURIComponent(match[2] as string);
    if (name.startsWith('.') || isTempName(name)) return null;
    const folder = resolveInsideRoot(root, match[1] as string);
    if ((await folderKind(root, folder)) !== 'folder') return null;
    const handle = await openRegularFile(resolveInsideRoot(folder, name));
    if (handle === null) return null;
    return { handle, contentType: CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    // A malformed escape, a segment that would leave the root: nothing there to serve.
    return null;
  }
}

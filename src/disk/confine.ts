import { isAbsolute, relative, resolve, sep } from 'node:path';

export class PathEscapeError extends Error {
  readonly code = 'PATH_ESCAPE';
}

/** Longest single path segment we create; file systems allow 255 bytes. */
const MAX_SEGMENT_BYTES = 255;

/**
 * The one function every cache path goes through: joins `segments` under `root` and refuses any
 * result that is not strictly inside it (`..`, absolute segments, NUL bytes, separators inside a
 * segment, over-long names). It is lexical: symbolic links on disk are the job of neuron-folder.ts
 * (the folder) and no-follow.ts (the files).
 */
export function resolveInsideRoot(root: string, ...segments: string[]): string {
  const base = resolve(root);
  for (const segment of segments) {
    if (
      segment === '' ||
      segment === '.' ||
      segment === '..' ||
      segment.includes('\0') ||
      segment.includes('/') ||
      segment.includes('\\') ||
      isAbsolute(segment) ||
      Buffer.byteLength(segment) > MAX_SEGMENT_BYTES
    ) {
      throw new PathEscapeError(`refusing unsafe path segment ${JSON.stringify(segment.slice(0, 80))}`);
    }
  }
  const target = resolve(base, ...segments);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    throw new PathEscapeError(`path ${JSON.stringify(target)} leaves the cache root`);
  }
  return target;
}

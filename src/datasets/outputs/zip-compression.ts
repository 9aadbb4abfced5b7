import { extname } from 'node:path';

/** Formats that are compressed already: deflating them again costs time and saves nothing. */
const COMPRESSED_EXTENSIONS: ReadonlySet<string> = new Set([
  '.zip',
  '.gz',
  '.tgz',
  '.bz2',
  '.xz',
  '.7z',
  '.rar',
  '.zst',
  '.lz4',
  '.png',
  '.jpg',
  '.jpeg',
]);

/**
 * Deflate level 1 for everything else. Measured on the SWC files in fixtures/swc (2.5 MB): level 1 keeps
 * 36% of the bytes at about 110 MB/s per core, level 6 (zlib's default) 31% at about 18 MB/s. Level 1
 * makes a 500 MB dataset's zip a third of its size while deflating faster than most links carry it, so
 * the download, not the compressor, sets the pace; level 6 would save another 5% for six times the CPU.
 * Originals in text formats (Neurolucida .asc, .xml, .swc) compress like SWC; binary ones still shrink.
 */
export const TEXT_DEFLATE_LEVEL = 1;

/** The zip compression level for a file: 0 (stored) for compressed formats, else TEXT_DEFLATE_LEVEL. */
export function compressionLevelFor(filename: string): number {
  return COMPRESSED_EXTENSIONS.has(extname(filename).toLowerCase()) ? 0 : TEXT_DEFLATE_LEVEL;
}

import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { DatasetItem, DatasetSnapshot } from '../types.js';
import { itemFileInfo, openItemFile } from './item-file.js';
import { manifestCsv } from './manifest-csv.js';
import { manifestJson } from './manifest-json.js';
import { compressionLevelFor, TEXT_DEFLATE_LEVEL } from './zip-compression.js';

export interface DatasetZipOptions {
  /** The cache root the items' relative paths are inside. */
  root: string;
  snapshot: DatasetSnapshot;
  /** Every item in plan order; called once for the files and once for each manifest. */
  items(): AsyncIterable<DatasetItem>;
  /** Observes the bytes waiting in memory after each chunk (tests prove memory stays flat with it). */
  onBuffered?: (bytes: number) => void;
  /** Observes the file bytes read from disk so far (tests prove a reader that stops stops the reading). */
  onRead?: (bytes: number) => void;
}

/** A file a dataset item names that changed or vanished between listing and reading it. */
export class ZipSourceChangedError extends Error {
  readonly code = 'ZIP_SOURCE_CHANGED';
}

/** Files of a finished item whose names the manifest lists but that are not on disk (removed since). */
export const MISSING_FILES_ENTRY = 'missing-files.txt';

const FILE_MODE = 0o100644;
const READ_CHUNK_BYTES = 64 * 1024;

/** The paths a finished item puts in the zip: its files, then its metadata.json. */
function pathsOf(item: DatasetItem): string[] {
  const paths = item.files.map((file) => file.relativePath);
  if (item.metadataPath !== null) paths.push(item.metadataPath);
  return paths;
}

/**
 * The items as the zip's own manifests show them: as the file pass saw them. An item that was still
 * PENDING then has no files in the zip, so it stays PENDING even if it finished since; an item planned
 * after the file pass is left out. Only two sets of ids are kept, never the items.
 */
async function* asZipped(
  items: AsyncIterable<DatasetItem>,
  seen: ReadonlySet<number>,
  finished: ReadonlySet<number>,
): AsyncGenerator<DatasetItem> {
  for await (const item of items) {
    if (!seen.has(item.neuronId)) continue;
    if (finished.has(item.neuronId)) yield item;
    else yield { ...item, status: 'PENDING', error: null, files: [], metadataPath: null };
  }
}

/**
 * A dataset as a zip, streamed with yazl: each finished item's files and metadata.json under their paths
 * relative to the cache root, then manifest.csv and manifest.json at the zip's root (and
 * missing-files.txt when a listed file is no longer on disk). Nothing is held whole: items are read a
 * chunk at a time, the next item's entries are added only once the previous item's are written, each
 * file is opened only when its entry's turn comes (never through a link, never outside the root) and
 * read in 64 KiB chunks, and yazl pipes with backpressure, so a reader that stops reading stops the
 * reading of files. The returned stream fails (is destroyed with the error) if an item cannot be listed
 * or a file changes while it is read; destroying it stops the work and closes the open file.
 */
export function createDatasetZip(options: DatasetZipOptions): Readable {
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  let current: Readable | null = null;
  let readBytes = 0;
  const abort = new AbortController();
  const tail = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk);
      options.onBuffered?.(output.readableLength + tail.readableLength + (current?.readableLength ?? 0));
    },
  });
  const stop = (error?: unknown) => {
    abort.abort();
    current?.destroy();
    if (error !== undefined) tail.destroy(error instanceof Error ? error : new Error(String(error)));
  };
  tail.on('close', () => stop());
  zip.on('error', (error: unknown) => stop(error));
  pipeline(output, tail).catch((error: unknown) => stop(error));

  /** Adds one file's entry; resolves once its bytes have been read (or it failed). */
  const addFile = (path: string, size: number, mtime: Date): Promise<void> =>
    new Promise((resolve) => {
      const entry = { size, mtime, mode: FILE_MODE, compressionLevel: compressionLevelFor(path) };
      zip.addReadStreamLazy(path, entry, (callback) => {
        openItemFile(options.root, path).then(
          async (handle) => {
            const info = handle === null ? null : await handle.stat();
            if (handle === null || info === null || info.size !== size) {
              await handle?.close();
              resolve();
              // The zip fails as a whole (yazl would only re-emit it): no entry is left half written.
              stop(new ZipSourceChangedError(`${path} changed or vanished while the zip was written`));
              return;
            }
            const source = handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES });
            watch(source);
            source.on('data', (chunk: string | Buffer) => {
              readBytes += chunk.length;
              options.onRead?.(readBytes);
            });
            source.on('close', () => resolve());
            callback(null, source);
          },
          (error: unknown) => {
            resolve();
            stop(error);
          },
        );
      });
    });

  /** The stream yazl reads now: destroyed when the zip stops, its failure fails the zip (yazl ignores it). */
  function watch(source: Readable): Readable {
    current = source;
    source.on('error', (error) => stop(error));
    if (abort.signal.aborted) source.destroy();
    return source;
  }

  const aborted = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve()));

  const run = async () => {
    const seen = new Set<number>();
    const finished = new Set<number>();
    const names = new Set<string>();
    const missing: string[] = [];
    for await (const item of options.items()) {
      if (abort.signal.aborted) return;
      seen.add(item.neuronId);
      if (item.status === 'PENDING') continue;
      finished.add(item.neuronId);
      let written: Promise<void> | null = null;
      for (const path of pathsOf(item)) {
        if (names.has(path)) continue;
        const info = await itemFileInfo(options.root, path);
        if (info === null) {
          missing.push(path);
          continue;
        }
        names.add(path);
        written = addFile(path, info.size, info.mtime);
      }
      // One item ahead at most: its files are listed only when the previous item's have been read.
      if (written !== null) await Promise.race([written, aborted]);
    }
    if (abort.signal.aborted) return;
    const now = new Date();
    const manifestEntry = { mtime: now, mode: FILE_MODE, compressionLevel: TEXT_DEFLATE_LEVEL };
    const zipped = () => asZipped(options.items(), seen, finished);
    zip.addReadStreamLazy('manifest.csv', manifestEntry, (callback) =>
      callback(null, watch(manifestCsv(zipped()))),
    );
    zip.addReadStreamLazy('manifest.json', manifestEntry, (callback) =>
      callback(null, watch(manifestJson(options.snapshot, zipped()))),
    );
    if (missing.length > 0) {
      zip.addBuffer(Buffer.from(`${missing.join('\n')}\n`), MISSING_FILES_ENTRY, manifestEntry);
    }
    zip.end();
  };
  run().catch((error: unknown) => stop(error));
  return tail;
}

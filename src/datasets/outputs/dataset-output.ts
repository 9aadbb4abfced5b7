import type { Readable } from 'node:stream';
import type { DatasetService, DatasetSnapshot } from '../types.js';
import { downloadBaseName } from './attachment-name.js';
import type { DatasetOutput } from './dataset-route.js';
import type { DatasetZipOptions } from './dataset-zip.js';
import { manifestJson } from './manifest-json.js';

/** Observers of the zip's memory and reading (tests prove memory stays flat with them). */
export type ZipObservers = Pick<DatasetZipOptions, 'onBuffered' | 'onRead'>;

/** What the outputs read: a dataset's snapshot and its items (the DatasetService, or a stand-in in tests). */
export type DatasetOutputSource = Pick<DatasetService, 'get' | 'allItems'>;

export interface DatasetDownload {
  contentType: string;
  /** Offered as the attachment's name. */
  filename: string;
  /**
   * Starts producing the bytes; called only for a GET (a HEAD reads nothing). Async because the CSV and
   * zip writers (csv-stringify, yazl) are imported at the first such download, not at start-up.
   */
  open(): Promise<Readable>;
}

/**
 * One of a dataset's outputs, ready to stream: the manifest as CSV or JSON, or the zip of its files.
 * A running dataset's outputs hold what is finished so far, with a row for every planned item.
 */
export function datasetDownload(
  output: DatasetOutput,
  snapshot: DatasetSnapshot,
  source: DatasetOutputSource,
  root: string,
  observers: ZipObservers = {},
): DatasetDownload {
  const base = downloadBaseName(snapshot.name, snapshot.id);
  const items = () => source.allItems(snapshot.id);
  switch (output) {
    case 'manifest.csv':
      return {
        contentType: 'text/csv; charset=utf-8; header=present',
        filename: `${base}-manifest.csv`,
        open: async () => (await import('./manifest-csv.js')).manifestCsv(items()),
      };
    case 'manifest.json':
      return {
        contentType: 'application/json; charset=utf-8',
        filename: `${base}-manifest.json`,
        open: async () => manifestJson(snapshot, items()),
      };
    case 'zip':
      return {
        contentType: 'application/zip',
        filename: `${base}.zip`,
        open: async () =>
          (await import('./dataset-zip.js')).createDatasetZip({ root, snapshot, items, ...observers }),
      };
  }
}

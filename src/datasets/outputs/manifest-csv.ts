import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { DatasetItem } from '../types.js';
import { MANIFEST_COLUMNS } from './manifest-columns.js';
import { type ManifestRow, toManifestRow } from './manifest-row.js';

async function* rowsOf(items: AsyncIterable<DatasetItem>): AsyncGenerator<ManifestRow> {
  for await (const item of items) yield toManifestRow(item);
}

/**
 * The manifest as CSV (RFC 4180 quoting by csv-stringify: a cell holding a comma, a quote or a line
 * break is quoted, quotes doubled; LF line ends; UTF-8 without BOM), streamed a row at a time with
 * backpressure: rows are pulled from `items` only as fast as the reader takes the text.
 *
 * Formula guard: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return (or their
 * full-width forms) is written with a leading `'`, so a spreadsheet opening the file shows it instead of
 * running it (OWASP's advice for CSV exports of data the exporter does not control: neuron names and
 * error messages come from NeuroMorpho). Numbers are never changed (a negative measure stays `-1.5`).
 * Scripts that need every value exactly as recorded read manifest.json, which is not guarded.
 */
export function manifestCsv(items: AsyncIterable<DatasetItem>): Readable {
  const csv = stringify({ header: true, columns: [...MANIFEST_COLUMNS], escape_formulas: true });
  pipeline(Readable.from(rowsOf(items)), csv).catch((error: unknown) => {
    csv.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return csv;
}

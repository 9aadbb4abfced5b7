import { Readable } from 'node:stream';
import type { DatasetItem, DatasetSnapshot } from '../types.js';
import { toManifestRow } from './manifest-row.js';

async function* jsonParts(
  snapshot: DatasetSnapshot,
  items: AsyncIterable<DatasetItem>,
): AsyncGenerator<string> {
  yield `{"dataset":${JSON.stringify(snapshot)},"items":[`;
  let separator = '\n';
  for await (const item of items) {
    yield separator + JSON.stringify(toManifestRow(item));
    separator = ',\n';
  }
  yield '\n]}\n';
}

/**
 * The manifest as JSON, `{ "dataset": <snapshot>, "items": [<row>, ...] }`, with the same row keys as the
 * CSV's columns and values as recorded (null where the CSV cell is empty, numbers as numbers, no formula
 * guard). Written a row per line as the items are read, so 10,000 rows never sit in memory as one string.
 */
export function manifestJson(snapshot: DatasetSnapshot, items: AsyncIterable<DatasetItem>): Readable {
  return Readable.from(jsonParts(snapshot, items), { objectMode: false });
}

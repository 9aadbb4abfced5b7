/** Download baseline: a raw undici `stream` of one URL straight into a file (no hashing, no staging). */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { stream } from 'undici';
import { agent } from '../lib/http.js';

/** Streams `url` into `path` and resolves with the bytes on disk once the file is closed. */
export async function rawStreamToDisk(url: string, path: string): Promise<number> {
  let status = 0;
  await stream(url, { method: 'GET', dispatcher: agent }, ({ statusCode }) => {
    status = statusCode;
    return createWriteStream(path);
  });
  if (status !== 200) throw new Error(`GET ${url}: HTTP ${status}`);
  return (await stat(path)).size;
}

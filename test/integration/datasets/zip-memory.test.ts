import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { DatasetItem } from '../../../src/datasets/types.js';
import { useDatasetFiles } from '../../../src/server/plugins/use-dataset-files.js';
import { tempDir } from '../../support/temp-dir.js';
import {
  finishedItem,
  memorySource,
  snapshotOf,
  writeItemFile,
} from '../../unit/datasets/outputs/memory-source.js';
import { readZip, saveZip } from '../../unit/datasets/outputs/zip-reader.js';
import { recordingLogger, servePlugins } from '../../unit/server/plugins/plugin-server.js';

const MiB = 1024 * 1024;
const NEURONS = 10;
/** Per neuron: 40 MiB of SWC text (deflated) and 10 MiB of random bytes in a .zip original (stored). */
const SWC_BYTES = 40 * MiB;
const ORIGINAL_BYTES = 10 * MiB;

/** SWC lines, varied enough that deflate has work to do. */
function swcBlock(seed: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 1; size < MiB; i += 1) {
    const line = `${i} 3 ${((i * 7919 + seed) % 100000) / 100} ${((i * 104729) % 50000) / 100} ${(i % 977) / 10} 0.${i % 89} ${i - 1}\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, MiB);
}

/** Writes `bytes` by repeating `block`, so a 40 MiB file costs one block of memory. */
async function writeRepeated(path: string, block: Buffer, bytes: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    for (let written = 0; written < bytes; written += block.length) await handle.write(block);
  } finally {
    await handle.close();
  }
}

describe('dataset zip of a 500 MB dataset', () => {
  it('streams over HTTP with a bounded number of bytes buffered, and every entry reads back with its CRC', async () => {
    const root = await tempDir();
    const items: DatasetItem[] = [];
    for (let id = 1; id <= NEURONS; id += 1) {
      const item = await finishedItem(root, id, []);
      const standard = await writeItemFile(root, id, 'standard', `n${id}.CNG.swc`, '');
      const original = await writeItemFile(root, id, 'original', `n${id}.zip`, '');
      await writeRepeated(`${root}/${id}/n${id}.CNG.swc`, swcBlock(id), SWC_BYTES);
      await writeRepeated(`${root}/${id}/n${id}.zip`, randomBytes(MiB), ORIGINAL_BYTES);
      items.push({
        ...item,
        files: [
          { ...standard, bytes: SWC_BYTES, sha256: null },
          { ...original, bytes: ORIGINAL_BYTES, sha256: null },
        ],
      });
    }
    const total = NEURONS * (SWC_BYTES + ORIGINAL_BYTES);
    const snapshot = snapshotOf('ds_00000000000000ff', 'half a gigabyte', NEURONS);
    let maxBuffered = 0;
    let read = 0;
    const { url } = await servePlugins([
      useDatasetFiles({
        datasets: memorySource({ [snapshot.id]: { snapshot, items } }),
        root,
        logger: recordingLogger('silent').logger,
        zipObservers: {
          onBuffered: (bytes) => {
            maxBuffered = Math.max(maxBuffered, bytes);
          },
          onRead: (bytes) => {
            read = bytes;
          },
        },
      }),
    ]);
    const baseline = process.memoryUsage();
    let peakGrowth = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      const growth = now.heapUsed + now.arrayBuffers - (baseline.heapUsed + baseline.arrayBuffers);
      peakGrowth = Math.max(peakGrowth, growth);
    }, 20);
    let zipPath: string;
    try {
      const answer = await request(`${url}/datasets/${snapshot.id}.zip`);
      expect(answer.statusCode).toBe(200);
      zipPath = await saveZip(answer.body);
    } finally {
      clearInterval(sampler);
    }

    // Every file byte was read (the metadata.json files add a few bytes each).
    expect(read).toBeGreaterThanOrEqual(total);
    expect(read).toBeLessThan(total + NEURONS * 1024);
    // Backpressure keeps what waits in the zip's streams to a few chunks, whatever the dataset's size.
    expect(maxBuffered).toBeGreaterThan(0);
    expect(maxBuffered).toBeLessThan(4 * MiB);
    // The zip (over 250 MB: the originals are stored) was never held: the process grew by far less.
    expect(peakGrowth).toBeLessThan(128 * MiB);

    const zip = await readZip(zipPath);
    const tested = await zip.test();
    expect(tested.ok, tested.output.slice(-2000)).toBe(true);
    const sizes = Object.fromEntries(zip.entries.map((entry) => [entry.name, entry.size]));
    for (let id = 1; id <= NEURONS; id += 1) {
      expect(sizes[`${id}/n${id}.CNG.swc`]).toBe(SWC_BYTES);
      expect(sizes[`${id}/n${id}.zip`]).toBe(ORIGINAL_BYTES);
      expect(sizes[`${id}/metadata.json`]).toBeGreaterThan(0);
    }
    expect(Object.keys(sizes)).toHaveLength(NEURONS * 3 + 2);
    expect(sizes['manifest.csv']).toBeGreaterThan(0);
    expect(sizes['manifest.json']).toBeGreaterThan(0);
  }, 300_000);
});

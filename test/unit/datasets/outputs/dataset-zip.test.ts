import { mkdir, readdir, readlink, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatasetZip, MISSING_FILES_ENTRY } from '../../../../src/datasets/outputs/dataset-zip.js';
import { MANIFEST_COLUMNS } from '../../../../src/datasets/outputs/manifest-columns.js';
import type { DatasetItem } from '../../../../src/datasets/types.js';
import { tempDir } from '../../../support/temp-dir.js';
import { finishedItem, memorySource, pendingItem, snapshotOf } from './memory-source.js';
import { readZip, saveZip } from './zip-reader.js';

const SWC = Array.from({ length: 2000 }, (_, i) => `${i + 1} 3 ${i * 0.5} 1.5 2.5 0.25 ${i}\n`).join('');
const PNG = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));

function zipOf(root: string, items: DatasetItem[] | (() => DatasetItem[]), extra = {}) {
  const snapshot = snapshotOf('ds_00000000000000aa', 'rats', 3);
  const source = memorySource({ [snapshot.id]: { snapshot, items } });
  return createDatasetZip({ root, snapshot, items: () => source.allItems(snapshot.id), ...extra });
}

/** Open descriptors of this process pointing inside `root`. */
async function openFilesUnder(root: string): Promise<string[]> {
  const targets = await Promise.all(
    (await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')),
  );
  return targets.filter((target) => target.startsWith(root));
}

describe('dataset zip', () => {
  it('holds each finished item’s files and metadata.json under their paths, and both manifests at the root', async () => {
    const root = await tempDir();
    const items = [
      await finishedItem(root, 5, [
        { kind: 'standard', filename: 'a.CNG.swc', content: SWC },
        { kind: 'original', filename: 'a.png', content: PNG },
      ]),
      pendingItem(6),
      await finishedItem(root, 7, [{ kind: 'standard', filename: 'b.CNG.swc', content: SWC }], {
        status: 'SKIPPED',
      }),
    ];
    const zip = await readZip(await saveZip(zipOf(root, items)));
    expect(await zip.test()).toMatchObject({ ok: true });
    expect(zip.entries.map((entry) => entry.name)).toEqual([
      '5/a.CNG.swc',
      '5/a.png',
      '5/metadata.json',
      '7/b.CNG.swc',
      '7/metadata.json',
      'manifest.csv',
      'manifest.json',
    ]);
    expect(await zip.text('5/a.CNG.swc')).toBe(SWC);
    expect((await zip.bytes('5/a.png')).equals(PNG)).toBe(true);
    expect(JSON.parse(await zip.text('7/metadata.json'))).toEqual({ neuron_id: 7 });
    const csv = (await zip.text('manifest.csv')).split('\n');
    expect(csv[0]).toBe(MANIFEST_COLUMNS.join(','));
    expect(csv.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['5', '6', '7']);
    const json = JSON.parse(await zip.text('manifest.json'));
    expect(json.dataset.id).toBe('ds_00000000000000aa');
    expect(json.items.map((row: { status: string }) => row.status)).toEqual(['DONE', 'PENDING', 'SKIPPED']);
  });

  it('deflates text and stores formats that are compressed already', async () => {
    const root = await tempDir();
    const items = [
      await finishedItem(root, 5, [
        { kind: 'standard', filename: 'a.CNG.swc', content: SWC },
        { kind: 'original', filename: 'a.png', content: PNG },
      ]),
    ];
    const zip = await readZip(await saveZip(zipOf(root, items)));
    const method = (name: string) => zip.entries.find((entry) => entry.name === name)?.method;
    expect(method('5/a.CNG.swc')).toMatch(/^def/);
    expect(method('5/a.png')).toBe('stor');
    expect(method('manifest.csv')).toMatch(/^def/);
  });

  it('never follows a link out of the root: linked files and linked neuron folders are left out and listed', async () => {
    const root = await tempDir();
    const outside = await tempDir();
    await writeFile(join(outside, 'secret.swc'), 'secret');
    const item = await finishedItem(root, 5, [{ kind: 'standard', filename: 'a.CNG.swc', content: SWC }]);
    await symlink(join(outside, 'secret.swc'), join(root, '5', 'leak.swc'));
    await mkdir(join(outside, '9'));
    await writeFile(join(outside, '9', 'b.swc'), 'secret too');
    await symlink(join(outside, '9'), join(root, '9'));
    const leaky: DatasetItem[] = [
      {
        ...item,
        files: [
          ...item.files,
          {
            ...item.files[0],
            kind: 'original',
            filename: 'leak.swc',
            relativePath: '5/leak.swc',
          } as DatasetItem['files'][number],
        ],
      },
      {
        ...pendingItem(9),
        status: 'DONE',
        files: [{ kind: 'standard', filename: 'b.swc', relativePath: '9/b.swc', bytes: 10, sha256: null }],
        metadataPath: null,
      },
      {
        ...pendingItem(10),
        status: 'DONE',
        files: [{ kind: 'standard', filename: 'x', relativePath: '../outside/x', bytes: 1, sha256: null }],
        metadataPath: null,
      },
    ];
    const zip = await readZip(await saveZip(zipOf(root, leaky)));
    expect(await zip.test()).toMatchObject({ ok: true });
    expect(zip.entries.map((entry) => entry.name)).toEqual([
      '5/a.CNG.swc',
      '5/metadata.json',
      'manifest.csv',
      'manifest.json',
      MISSING_FILES_ENTRY,
    ]);
    expect(await zip.text(MISSING_FILES_ENTRY)).toBe('5/leak.swc\n9/b.swc\n../outside/x\n');
  });

  it('shows an item that finished after its turn in the zip as PENDING in the zip’s manifests', async () => {
    const root = await tempDir();
    const finished = await finishedItem(root, 6, [{ kind: 'standard', filename: 'a.CNG.swc', content: SWC }]);
    let passes = 0;
    // The first pass (files) sees item 6 pending; the manifest passes see it DONE.
    const items = () => (passes++ === 0 ? [pendingItem(6)] : [finished, pendingItem(7)]);
    const zip = await readZip(await saveZip(zipOf(root, items)));
    expect(zip.entries.map((entry) => entry.name)).toEqual(['manifest.csv', 'manifest.json']);
    const rows = JSON.parse(await zip.text('manifest.json')).items;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ neuron_id: 6, status: 'PENDING', standard_path: null });
  });

  it('reads files only as fast as the zip is read, and closes the open file when the reader gives up', async () => {
    const root = await tempDir();
    const big = 'x'.repeat(1024) + SWC.repeat(20);
    const items = [];
    for (let id = 1; id <= 4; id += 1) {
      items.push(
        await finishedItem(root, id, [{ kind: 'original', filename: 'big.zip', content: big.repeat(8) }]),
      );
    }
    const total = items.reduce((sum, item) => sum + (item.files[0]?.bytes ?? 0), 0);
    let read = 0;
    let maxBuffered = 0;
    const stream = zipOf(root, items, {
      onRead: (bytes: number) => {
        read = bytes;
      },
      onBuffered: (bytes: number) => {
        maxBuffered = Math.max(maxBuffered, bytes);
      },
    });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(total).toBeGreaterThan(8 * 1024 * 1024);
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(1024 * 1024);
    expect(maxBuffered).toBeLessThan(512 * 1024);
    expect(await openFilesUnder(root)).toHaveLength(1);
    stream.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await openFilesUnder(root)).toEqual([]);
  });

  it('fails the stream when a file changes between its listing and its reading', async () => {
    const root = await tempDir();
    const item = await finishedItem(root, 5, [
      { kind: 'original', filename: 'a.zip', content: SWC.repeat(100) },
      { kind: 'standard', filename: 'a.CNG.swc', content: SWC },
    ]);
    let read = 0;
    const stream = zipOf(root, [item], {
      onRead: (bytes: number) => {
        read = bytes;
      },
    });
    const iterator = stream[Symbol.asyncIterator]();
    // A megabyte into a.zip, a.CNG.swc has long been listed (its size known); now it shrinks.
    while (read < 1024 * 1024) await iterator.next();
    await truncate(join(root, '5', 'a.CNG.swc'), 10);
    await expect(
      (async () => {
        for (;;) if ((await iterator.next()).done) return;
      })(),
    ).rejects.toMatchObject({ code: 'ZIP_SOURCE_CHANGED' });
  });

  it('fails the stream when the items cannot be read', async () => {
    const root = await tempDir();
    const snapshot = snapshotOf('ds_1', 'broken', 1);
    const stream = createDatasetZip({
      root,
      snapshot,
      items: async function* () {
        yield pendingItem(1);
        throw Object.assign(new Error('state file unreadable'), { code: 'EIO' });
      },
    });
    await expect(saveZip(stream)).rejects.toThrow('state file unreadable');
  });
});

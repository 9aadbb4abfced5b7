import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createNeuronFolderIndex } from '../../../src/disk/folder-index.js';
import { tempDir } from '../../support/temp-dir.js';

const names = async (index: { folders(): Promise<ReadonlySet<string>> }) =>
  [...(await index.folders())].sort();

describe('NeuronFolderIndex', () => {
  it('lists the root once for many requests within the TTL, and again once it is older', async () => {
    const root = await tempDir();
    await mkdir(join(root, '1'));
    let clock = 1000;
    const index = createNeuronFolderIndex({ root, ttlMs: 500, watchRoot: false, now: () => clock });
    try {
      expect(await Promise.all([names(index), names(index), names(index)])).toEqual([['1'], ['1'], ['1']]);
      // Another process writes a folder: not seen until the listing is older than the TTL.
      await mkdir(join(root, '2'));
      clock += 499;
      expect(await names(index)).toEqual(['1']);
      clock += 1;
      expect(await names(index)).toEqual(['1', '2']);
    } finally {
      index.close();
    }
  });

  it('lists again after an invalidation, and never keeps a listing begun before one', async () => {
    const root = await tempDir();
    const index = createNeuronFolderIndex({ root, ttlMs: 60_000, watchRoot: false });
    expect(await names(index)).toEqual([]);
    const before = index.folders();
    await mkdir(join(root, '5'));
    index.invalidate();
    expect(await names(index)).toEqual(['5']);
    await before;
    expect(await names(index)).toEqual(['5']);
    index.close();
  });

  it('keeps to neuron folders: no files, links or non-canonical names', async () => {
    const root = await tempDir();
    await mkdir(join(root, '3'));
    await mkdir(join(root, '007'));
    await writeFile(join(root, '12'), 'a file');
    await symlink(join(root, '3'), join(root, '4'));
    const index = createNeuronFolderIndex({ root, watchRoot: false });
    expect(await names(index)).toEqual(['3']);
    index.close();
  });

  it('sees folders come and go at the root through the watch, well within the TTL', async () => {
    const root = await tempDir();
    const index = createNeuronFolderIndex({ root, ttlMs: 60_000 });
    try {
      expect(await names(index)).toEqual([]);
      await mkdir(join(root, '8'));
      await vi.waitFor(async () => expect(await names(index)).toEqual(['8']), { timeout: 5000 });
      await rm(join(root, '8'), { recursive: true });
      await vi.waitFor(async () => expect(await names(index)).toEqual([]), { timeout: 5000 });
    } finally {
      index.close();
    }
  });

  it('a root that does not exist yet reads as empty and is found once it does', async () => {
    const parent = await tempDir();
    const root = join(parent, 'cache');
    let clock = 0;
    const index = createNeuronFolderIndex({ root, ttlMs: 100, now: () => clock });
    expect(await names(index)).toEqual([]);
    await mkdir(join(root, '9'), { recursive: true });
    clock += 100;
    expect(await names(index)).toEqual(['9']);
    index.close();
  });
});

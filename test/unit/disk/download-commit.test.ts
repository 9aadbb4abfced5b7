import { mkdir, readdir, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commitAll, keepFresh, rollback } from '../../../src/disk/download-commit.js';
import { stageContent, stageStream } from '../../../src/disk/staged-file.js';
import { tempDir } from '../../support/temp-dir.js';

const stage = (folder: string, name: string) => stageStream(folder, name, Readable.from([Buffer.from(name)]));

describe('the commit of a download', () => {
  it('renames the data files, then metadata.json, reporting each as it lands', async () => {
    const folder = await tempDir();
    const data = [await stage(folder, 'a.CNG.swc'), await stage(folder, 'a.asc')];
    const metadata = await stageContent(folder, 'metadata.json', '{}');
    const committed: string[] = [];
    await commitAll(data, metadata, committed);
    expect(committed).toEqual([
      join(folder, 'a.CNG.swc'),
      join(folder, 'a.asc'),
      join(folder, 'metadata.json'),
    ]);
    expect((await readdir(folder)).sort()).toEqual(['a.CNG.swc', 'a.asc', 'metadata.json']);
  });

  it('a rollback removes a folder it created with what it committed, and keeps a folder that was there', async () => {
    const root = await tempDir();
    for (const [name, created] of [
      ['new', true],
      ['old', false],
    ] as const) {
      const folder = join(root, name);
      await mkdir(folder);
      const committed = await stage(folder, 'a.CNG.swc');
      await committed.commit();
      const pending = await stage(folder, 'a.asc');
      await rollback(folder, created, [committed, pending], [committed.finalPath]);
    }
    expect(await readdir(root)).toEqual(['old']);
    expect(await readdir(join(root, 'old'))).toEqual(['a.CNG.swc']);
  });

  it('keeps staged files fresh until stopped, so the stale-file sweep leaves them alone', async () => {
    const folder = await tempDir();
    const file = await stage(folder, 'a.CNG.swc');
    const past = new Date(Date.now() - 10 * 60_000);
    await utimes(file.tempPath, past, past);
    const stop = keepFresh([file], 10);
    try {
      let mtime = (await stat(file.tempPath)).mtimeMs;
      for (let i = 0; i < 200 && mtime <= past.getTime(); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        mtime = (await stat(file.tempPath)).mtimeMs;
      }
      expect(mtime).toBeGreaterThan(past.getTime());
    } finally {
      stop();
    }
  });
});

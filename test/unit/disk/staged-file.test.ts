import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  ContentLengthMismatchError,
  stageStream,
  writeFileAtomically,
} from '../../../src/disk/staged-file.js';
import { removeStaleTempFiles } from '../../../src/disk/temp-files.js';
import { tempDir } from '../../support/temp-dir.js';

describe('staged files', () => {
  it('stage under a hidden temporary name and appear only on commit', async () => {
    const dir = await tempDir();
    const staged = await stageStream(
      dir,
      'a.swc',
      Readable.from([Buffer.from('hello '), Buffer.from('world')]),
    );
    expect(staged.bytes).toBe(11);
    expect(staged.sha256).toBe('b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9');
    expect(await readdir(dir)).toEqual([expect.stringMatching(/^\.a\.swc\..*\.nmg-part$/)]);
    await staged.commit();
    expect(await readdir(dir)).toEqual(['a.swc']);
    expect(await readFile(join(dir, 'a.swc'), 'utf8')).toBe('hello world');
  });

  it('fail and leave nothing when the length differs from Content-Length', async () => {
    const dir = await tempDir();
    await expect(
      stageStream(dir, 'a.swc', Readable.from([Buffer.from('short')]), { expectedBytes: 10 }),
    ).rejects.toBeInstanceOf(ContentLengthMismatchError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('fail and leave nothing when the stream breaks', async () => {
    const dir = await tempDir();
    const broken = new Readable({
      read() {
        this.push(Buffer.from('part'));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(stageStream(dir, 'a.swc', broken)).rejects.toThrow('connection reset');
    expect(await readdir(dir)).toEqual([]);
  });

  it('write small files atomically, replacing what was there', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'metadata.json'), 'old');
    await writeFileAtomically(dir, 'metadata.json', 'new');
    expect(await readFile(join(dir, 'metadata.json'), 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['metadata.json']);
  });

  it('stale temporary files are removed from neuron folders only', async () => {
    const root = await tempDir();
    const staged = await stageStream(root, 'x', Readable.from([Buffer.from('x')]));
    await writeFile(join(root, 'keep.nmg-part'), 'not in a neuron folder');
    const { mkdir, rename } = await import('node:fs/promises');
    await mkdir(join(root, '12'));
    await rename(staged.tempPath, join(root, '12', '.x.1-ab.nmg-part'));
    await writeFile(join(root, '12', 'x.swc'), 'kept');
    expect(await removeStaleTempFiles(root, 60_000)).toBe(0);
    expect(await removeStaleTempFiles(root, 60_000, Date.now() + 120_000)).toBe(1);
    expect(await readdir(join(root, '12'))).toEqual(['x.swc']);
    expect((await readdir(root)).sort()).toEqual(['12', 'keep.nmg-part']);
  });
});

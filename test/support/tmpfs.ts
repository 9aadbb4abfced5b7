import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rmdir, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { registerCleanup } from './cleanup.js';

const run = promisify(execFile);

/**
 * A real, small file system for tests of a full or read-only cache volume: tmpfs, mounted for the test
 * and unmounted after it. Root ignores file modes (chmod 0555 does not stop it), a read-only mount
 * does stop it, and a small tmpfs fills up for real.
 */
export interface Tmpfs {
  /** The mount point; `cacheDir` is a folder inside it, so helper files can sit beside the cache. */
  mountPoint: string;
  cacheDir: string;
  /** Remounts read-only (EROFS for every write, root included). */
  readOnly(): Promise<void>;
  /** Fills the volume with a file beside the cache until only about `leaveBytes` stay free. */
  fill(leaveBytes: number): Promise<void>;
  freeBytes(): Promise<number>;
}

async function mountPointFor(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'nmg-tmpfs-'));
}

/** Null when tmpfs can be mounted here, else the reason it cannot (printed by the tests that skip). */
export async function tmpfsUnavailable(): Promise<string | null> {
  const dir = await mountPointFor();
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    await run('umount', [dir]);
    return null;
  } catch (error) {
    return `cannot mount a tmpfs here (needs root with mount rights): ${(error as Error).message.split('\n')[0]}`;
  } finally {
    await rmdir(dir).catch(() => undefined);
  }
}

export async function mountTmpfs(sizeBytes: number): Promise<Tmpfs> {
  const mountPoint = await mountPointFor();
  await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0755`, 'tmpfs', mountPoint]);
  registerCleanup(async () => {
    await run('umount', ['-l', mountPoint]).catch(() => undefined);
    await rmdir(mountPoint).catch(() => undefined);
  });
  const cacheDir = join(mountPoint, 'cache');
  await mkdir(cacheDir);
  const freeBytes = async () => {
    const info = await statfs(mountPoint);
    return info.bavail * info.bsize;
  };
  return {
    mountPoint,
    cacheDir,
    readOnly: async () => {
      await run('mount', ['-o', 'remount,ro', mountPoint]);
    },
    fill: async (leaveBytes) => {
      const filler = Math.max(0, (await freeBytes()) - leaveBytes);
      await writeFile(join(mountPoint, 'filler'), Buffer.alloc(filler));
    },
    freeBytes,
  };
}

import { mkdir, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { rethrowAsCacheWriteError } from './disk-errors.js';

/** Folder of the cache root holding the per-neuron locks; its leading dot keeps it from ever being a neuron folder. */
export const LOCKS_FOLDER = '.locks';

/**
 * A lock not refreshed for this long belongs to a process that died (kill -9, power loss): another
 * process may take it. The holder refreshes it every half of this.
 */
const STALE_AFTER_MS = 10_000;
/** How long a waiter sleeps between attempts, growing to the cap. */
const FIRST_WAIT_MS = 20;
const MAX_WAIT_MS = 500;

export interface LockOptions {
  /** Stops waiting (the call rejects with the signal's reason); a held lock is not affected. */
  signal?: AbortSignal;
  /** Told when the lock was lost while held (its folder vanished, the disk stalled past the stale time). */
  onCompromised?: (error: Error) => void;
}

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/** Times the lock folder may vanish under us before the failure is taken as real. */
const MAX_VANISHED = 10;

/**
 * Makes the locks folder. A full or read-only volume says so here already (CacheWriteError), as the
 * download itself would. Not `recursive` first: on a read-only volume that reports ENOENT, not EROFS.
 */
async function makeFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return;
    if (codeOf(error) !== 'ENOENT') rethrowAsCacheWriteError(error);
    // The cache root itself is not there yet (the downloader makes it too).
    await mkdir(folder, { recursive: true }).catch(rethrowAsCacheWriteError);
  }
}

/**
 * Runs `task` holding the cross-process lock at `lockPath` (a directory made atomically by mkdir, the
 * proper-lockfile way), waiting for another holder, in this process or any other on the same volume, to
 * release it or to go stale. The lock is released however the task ends.
 */
export async function withLock<T>(
  lockPath: string,
  task: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const folder = dirname(lockPath);
  let waitMs = FIRST_WAIT_MS;
  let vanished = 0;
  let release: () => Promise<void>;
  // Imported at the first lock (the first download), not before the gateway's first answer.
  const { default: lockfile } = await import('proper-lockfile');
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      // Made on every attempt: the last holder to leave removes it (see below).
      await makeFolder(folder);
      release = await lockfile.lock(lockPath, {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_AFTER_MS,
        retries: 0,
        // The library's default throws from a timer, which would end the process.
        onCompromised: (error) => options.onCompromised?.(error),
      });
      break;
    } catch (error) {
      // ENOENT: another holder removed the emptied folder between our mkdir and the lock's: try again.
      if (codeOf(error) === 'ENOENT' && vanished++ < MAX_VANISHED) continue;
      if (codeOf(error) !== 'ELOCKED') rethrowAsCacheWriteError(error);
      await sleep(waitMs, undefined, options.signal ? { signal: options.signal } : {});
      waitMs = Math.min(MAX_WAIT_MS, waitMs * 2);
    }
  }
  try {
    return await task();
  } finally {
    await release().catch(() => undefined);
    // Nothing stays in the cache root once no lock is held (fails harmlessly while others are).
    await rmdir(folder).catch(() => undefined);
  }
}

export function neuronLockPath(root: string, neuronId: number): string {
  return join(root, LOCKS_FOLDER, `${neuronId}.lock`);
}

/** Runs `task` while no other download, of this process or another sharing the root, touches the neuron's folder. */
export function withNeuronLock<T>(
  root: string,
  neuronId: number,
  task: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  if (!Number.isSafeInteger(neuronId) || neuronId < 0) throw new RangeError(`not a neuron id: ${neuronId}`);
  return withLock(neuronLockPath(root, neuronId), task, options);
}

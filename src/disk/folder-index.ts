import { type FSWatcher, watch } from 'node:fs';
import { listNeuronFolders } from './neuron-folder.js';

/**
 * How old the remembered listing of the cache root may get before it is read again. Folders another
 * process writes into the root (another gateway on a shared volume, the reference client) show up
 * within this long even where the watch sees nothing (network volumes, a watch limit reached).
 */
export const FOLDER_INDEX_TTL_MS = 2000;

export interface NeuronFolderIndexOptions {
  root: string;
  /** @default FOLDER_INDEX_TTL_MS */
  ttlMs?: number;
  /** Watch the root for entries coming and going, for changes sooner than the TTL. @default true */
  watchRoot?: boolean;
  /** @default Date.now */
  now?: () => number;
}

/**
 * The names of the neuron folders at the cache root, from one listing shared by every request instead of
 * one listing per request. Only which folders exist is remembered: what is inside each one is still read
 * when asked for, so a remembered folder another process removed reads as absent, as before.
 */
export interface NeuronFolderIndex {
  /** Neuron folder names at the root, listed at most `ttlMs` ago and after every `invalidate()`. */
  folders(): Promise<ReadonlySet<string>>;
  /** The listing `folders()` would answer without reading the root, or undefined when it would read. */
  peekFolders(): ReadonlySet<string> | undefined;
  /** Forgets the listing: a folder of this process's was written or removed. */
  invalidate(): void;
  close(): void;
}

interface Listing {
  names: ReadonlySet<string>;
  listedAt: number;
}

export function createNeuronFolderIndex(options: NeuronFolderIndexOptions): NeuronFolderIndex {
  const { root } = options;
  const ttlMs = options.ttlMs ?? FOLDER_INDEX_TTL_MS;
  const now = options.now ?? Date.now;
  let current: Listing | null = null;
  let listing: Promise<ReadonlySet<string>> | null = null;
  // Bumped by every invalidation: a listing that began before one may predate the change, so it answers
  // the requests that were already waiting for it but is not remembered.
  let generation = 0;
  let watcher: FSWatcher | null = null;
  let closed = false;

  function invalidate(): void {
    generation++;
    current = null;
    listing = null;
  }

  function startWatching(): void {
    if (watcher !== null || closed || options.watchRoot === false) return;
    try {
      // Not persistent: the index never keeps the process alive. Non-recursive: entries of the root
      // are what the index holds; writes inside a neuron folder are read when asked for anyway.
      watcher = watch(root, { persistent: false }, invalidate);
      watcher.on('error', () => {
        // Gone or overflowing: fall back to the TTL, and try again with the next listing.
        watcher?.close();
        watcher = null;
        invalidate();
      });
    } catch {
      // No root yet, or no watches left: the TTL still bounds how stale the index gets.
      watcher = null;
    }
  }

  function list(): Promise<ReadonlySet<string>> {
    startWatching();
    const listedAt = now();
    const startedIn = generation;
    const pending = listNeuronFolders(root).then((names) => {
      if (startedIn === generation) current = { names, listedAt };
      return names;
    });
    const forget = () => {
      if (listing === pending) listing = null;
    };
    pending.then(forget, forget);
    listing = pending;
    return pending;
  }

  const fresh = () => (current !== null && now() - current.listedAt < ttlMs ? current.names : undefined);
  return {
    folders() {
      const names = fresh();
      return names !== undefined ? Promise.resolve(names) : (listing ?? list());
    },
    peekFolders: fresh,
    invalidate,
    close() {
      closed = true;
      watcher?.close();
      watcher = null;
      invalidate();
    },
  };
}

import type { NeuronRecord, SiteUrls } from '../neuromorpho/types.js';
import type { UpstreamHttp } from '../upstream/http.js';
import { readCachedNeuron, removeCachedNeuron } from './cache-admin.js';
import {
  type CacheStatus,
  createStatusReader,
  readListedStatuses,
  statusesNotConfigured,
} from './cache-status.js';
import { type CachedFileRead, readCachedStandardFile } from './cached-standard-file.js';
import { CacheNotConfiguredError } from './download-errors.js';
import { createDownloader, type DownloadRequest, type DownloadResult } from './downloader.js';
import { createFileLimits, type FileLimitOptions } from './fetch-file.js';
import { createNeuronFolderIndex } from './folder-index.js';
import { listNeuronFolders, listNeuronIdsPage } from './neuron-folder.js';
import { withNeuronLock } from './neuron-lock.js';
import { removeStaleTempFiles } from './temp-files.js';

/** Most neurons one `list` call returns, so one call reads at most this many folders. */
export const MAX_CACHED_NEURONS_PAGE = 500;

/** Neuron folders read at once while listing: enough to overlap disk latency, few enough to share the pool. */
const FOLDER_READS_AT_ONCE = 16;

/** How often temporary files left by a crash are looked for again after the first sweep. */
const SWEEP_EVERY_MS = 10 * 60_000;

export interface DiskCacheOptions {
  /** CACHE_DIR; null when the on-disk cache is disabled. */
  root: string | null;
  site: SiteUrls;
  http: UpstreamHttp;
  /** Whole-file attempts when a stream breaks. @default 3 (UPSTREAM_RETRIES) */
  fileAttempts: number;
  /** Neurons downloaded at once (DOWNLOAD_CONCURRENCY). @default 4 */
  concurrency: number;
  /** Size, deadline and upstream-slot share of each file. */
  fileLimits: FileLimitOptions;
  /** Told when a download (not a dry run) ends, for metrics. */
  onDownloadFinished?: (outcome: 'ok' | 'failed', bytesWritten: number) => void;
  /** Told when a sweep removed temporary files a crash left behind. */
  onTempFilesRemoved?: (removed: number) => void;
  /**
   * How old the remembered listing of the root behind `statuses` may get (folder-index.ts): folders
   * another process writes show up within this long, those of this process at once.
   * @default FOLDER_INDEX_TTL_MS (2 s)
   */
  folderIndexTtlMs?: number;
}

export interface CachedNeuronsPage {
  /** How many folders, 1 to MAX_CACHED_NEURONS_PAGE. */
  first: number;
  /** Only ids above this one; null for the first page. */
  afterId: number | null;
}

/** The on-disk neuron cache: the one owner of its root, for reads, writes, downloads and housekeeping. */
export interface DiskCache {
  /** Throws CACHE_NOT_CONFIGURED when the cache is disabled. */
  assertConfigured(): void;
  /** What is on disk for each neuron, in order; all false (not configured) when the cache is disabled. */
  statuses(neurons: readonly NeuronRecord[]): Promise<CacheStatus[]>;
  /**
   * `statuses` for one neuron without waiting, when it needs no read: the cache is disabled, or the
   * remembered listing of the root (fresh, as `statuses` uses it) has no folder for it. Else undefined.
   */
  peekStatus(neuron: NeuronRecord): CacheStatus | undefined;
  /** One page of the cached neurons, ascending by id. */
  list(page: CachedNeuronsPage): Promise<CacheStatus[]>;
  /** The neuron record of a finished download of this site, or null. */
  readNeuron(neuronId: number): Promise<NeuronRecord | null>;
  /**
   * The standard SWC file a finished download of this site left, unless it is over `maxBytes`; absent
   * when the cache is disabled, the neuron is not downloaded, or the file is not a regular file there.
   */
  readStandardFile(neuron: NeuronRecord, maxBytes: number): Promise<CachedFileRead>;
  /** Removes one neuron's folder; true only when there was one. */
  remove(neuronId: number): Promise<boolean>;
  /** Removes every neuron folder; returns how many went. */
  clear(): Promise<number>;
  /**
   * Tells `listener` the id of a neuron whose folder this process may have changed, once the change is
   * on disk: after every download that is not a dry run ends (committed, or failed and rolled back; two
   * callers sharing one download make one call), after `remove` found a folder to remove, and after
   * `clear` once for every folder it removed. Dataset jobs download through `download`, so they are
   * told too. Folders another process writes into the same root are not seen here. A listener that
   * throws is ignored: it cannot fail the write it is told about. Returns the unsubscribe function.
   */
  onNeuronChanged(listener: (neuronId: number) => void): () => void;
  /** Downloads a neuron; two downloads of one neuron at once share one piece of work. */
  download(request: DownloadRequest): Promise<DownloadResult>;
  /** Removes stale temporary files now, then every 10 minutes until close. */
  start(): Promise<void>;
  /**
   * Stops sweeping and new downloads; resolves when a running sweep and the running downloads have
   * finished, aborting downloads still running after `graceMs` (nothing partial stays).
   */
  close(graceMs?: number): Promise<void>;
}

/** A page of cached neurons asked for outside the bounds. */
export class InvalidCachePageError extends Error {
  readonly code = 'BAD_USER_INPUT';
}

function checkPage({ first, afterId }: CachedNeuronsPage): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_CACHED_NEURONS_PAGE) {
    throw new InvalidCachePageError(`first must be between 1 and ${MAX_CACHED_NEURONS_PAGE} (got ${first})`);
  }
  if (afterId !== null && (!Number.isInteger(afterId) || afterId < 0)) {
    throw new InvalidCachePageError(`afterId must be 0 or more (got ${afterId})`);
  }
}

export function createDiskCache(options: DiskCacheOptions): DiskCache {
  const { root, site } = options;
  const downloader =
    root === null
      ? null
      : createDownloader({
          root,
          site,
          http: options.http,
          fileAttempts: options.fileAttempts,
          concurrency: options.concurrency,
          fileLimits: createFileLimits(options.fileLimits),
          ...(options.onDownloadFinished ? { onFinished: options.onDownloadFinished } : {}),
          // Another gateway sharing the volume must not write the folder meanwhile (downloadNeuron and
          // dataset jobs alike come through here). Called once per download that writes, so listeners
          // hear of it once, after the commit or rollback, with the folder lock already released.
          lockNeuron: (neuronId, task) =>
            withNeuronLock(root, neuronId, task).finally(() => neuronChanged(neuronId)),
        });
  const folderIndex =
    root === null
      ? null
      : createNeuronFolderIndex({
          root,
          ...(options.folderIndexTtlMs === undefined ? {} : { ttlMs: options.folderIndexTtlMs }),
        });
  const readStatuses = root === null ? null : createStatusReader(root, site);
  const changeListeners = new Set<(neuronId: number) => void>();
  let sweeper: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;

  function neuronChanged(neuronId: number): void {
    // First, so a listener reading statuses already sees the change.
    folderIndex?.invalidate();
    for (const listener of changeListeners) {
      try {
        listener(neuronId);
      } catch {
        // A listener's failure is its own; the write it was told about has already happened.
      }
    }
  }

  async function removeAndTell(folderRoot: string, neuronId: number): Promise<boolean> {
    const removed = await removeCachedNeuron(folderRoot, neuronId);
    if (removed) neuronChanged(neuronId);
    return removed;
  }

  function rootOrThrow(): string {
    if (root === null) throw new CacheNotConfiguredError();
    return root;
  }

  // One sweep at a time: on a slow volume a sweep may outlast the interval.
  function sweep(): Promise<void> {
    if (root === null) return Promise.resolve();
    sweeping ??= removeStaleTempFiles(root)
      .catch(() => 0)
      .then((removed) => {
        if (removed > 0) options.onTempFilesRemoved?.(removed);
      })
      .finally(() => {
        sweeping = undefined;
      });
    return sweeping;
  }

  return {
    assertConfigured: () => void rootOrThrow(),
    async statuses(neurons) {
      if (folderIndex === null || readStatuses === null) return statusesNotConfigured(neurons);
      return readStatuses.read(await folderIndex.folders(), neurons);
    },
    peekStatus(neuron) {
      if (folderIndex === null || readStatuses === null) return statusesNotConfigured([neuron])[0];
      const folders = folderIndex.peekFolders();
      return folders === undefined ? undefined : readStatuses.unlisted(folders, neuron);
    },
    async list(page) {
      const folderRoot = rootOrThrow();
      checkPage(page);
      const ids = await listNeuronIdsPage(folderRoot, page.first, page.afterId);
      return readListedStatuses(folderRoot, ids, site, FOLDER_READS_AT_ONCE);
    },
    readNeuron: async (neuronId) => readCachedNeuron(rootOrThrow(), neuronId, site),
    readStandardFile: async (neuron, maxBytes) =>
      root === null ? { kind: 'absent' } : readCachedStandardFile(root, neuron, site, maxBytes),
    remove: async (neuronId) => removeAndTell(rootOrThrow(), neuronId),
    async clear() {
      // Every neuron folder (plain files, links and other folders at the root stay): one listing, then
      // one removal per folder, telling each; linear in the folders there are.
      const folderRoot = rootOrThrow();
      let removed = 0;
      for (const name of await listNeuronFolders(folderRoot))
        if (await removeAndTell(folderRoot, Number(name))) removed++;
      return removed;
    },
    onNeuronChanged(listener) {
      // Wrapped, so one function subscribed twice gets two independent subscriptions.
      const subscription = (neuronId: number) => listener(neuronId);
      changeListeners.add(subscription);
      return () => void changeListeners.delete(subscription);
    },
    async download(request) {
      if (downloader === null) throw new CacheNotConfiguredError();
      return downloader.download(request);
    },
    async start() {
      // Temporary files a crash left behind are never valid data: remove them before serving, and keep
      // sweeping, since a crash just before a restart leaves files too fresh to tell apart yet.
      await sweep();
      clearInterval(sweeper);
      sweeper = setInterval(() => void sweep(), SWEEP_EVERY_MS);
      sweeper.unref();
    },
    async close(graceMs) {
      clearInterval(sweeper);
      folderIndex?.close();
      await Promise.all([downloader?.close(graceMs), sweeping]);
    },
  };
}

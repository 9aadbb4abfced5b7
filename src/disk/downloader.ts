import { filePlan } from '../neuromorpho/file-plan.js';
import { METADATA_FILENAME } from '../neuromorpho/reserved-names.js';
import type {
  DownloadMode,
  FileKind,
  MeasurementRecord,
  NeuronRecord,
  SiteUrls,
} from '../neuromorpho/types.js';
import type { UpstreamHttp } from '../upstream/http.js';
import { createLimiter } from '../util/concurrency.js';
import { resolveInsideRoot } from './confine.js';
import { MetadataRenderError, toCacheWriteError } from './disk-errors.js';
import { assertWritable, commitAll, keepFresh, rollback } from './download-commit.js';
import { DownloadFileError } from './download-errors.js';
import { decideItems } from './download-items.js';
import { type FileLimits, fetchToStaged } from './fetch-file.js';
import { readFolderView } from './folder-view.js';
import { renderMetadata } from './metadata.js';
import { assertNeuronFolder, checkNeuronFolder, ensureNeuronFolder, neuronFolder } from './neuron-folder.js';
import { type StagedFile, stageContent } from './staged-file.js';

export const DRY_RUN_REASON = 'dry_run';

export interface DownloadItemResult {
  kind: FileKind;
  url: string;
  filename: string;
  /** Absolute path on disk (whether or not the file is there). */
  path: string;
  downloadedNow: boolean;
  /** The file is in the cache when the download returns (fetched now or kept); false when skipped or planned. */
  onDisk: boolean;
  reason: string | null;
  bytes: number | null;
  sha256: string | null;
}

export interface DownloadResult {
  neuron: NeuronRecord;
  folder: string;
  metadataPath: string;
  items: DownloadItemResult[];
  measurement: MeasurementRecord | null;
  mode: DownloadMode;
  dryRun: boolean;
}

export interface DownloadRequest {
  neuron: NeuronRecord;
  mode: DownloadMode;
  overwrite: boolean;
  dryRun: boolean;
  /** Called first, before anything touches the disk, so a network failure leaves the disk alone. */
  loadMeasurement(): Promise<MeasurementRecord | null>;
}

export interface DownloaderOptions {
  root: string;
  site: SiteUrls;
  http: UpstreamHttp;
  /** Whole-file attempts when a stream breaks. @default 3 */
  fileAttempts: number;
  /** Neurons downloaded at once. @default 4 */
  concurrency: number;
  /** Observes bytes buffered in memory per chunk (tests prove memory stays bounded with it). */
  onBuffered?: (bytes: number) => void;
  /** Size, deadline and upstream-slot share of each file (fetch-file.ts); none when absent. */
  fileLimits?: FileLimits;
  /** Told when a download (not a dry run) ends, for metrics. */
  onFinished?: (outcome: 'ok' | 'failed', bytesWritten: number) => void;
  /** Runs each download (not a dry run) holding the neuron's cross-process lock; none when absent. */
  lockNeuron?: <T>(neuronId: number, task: () => Promise<T>) => Promise<T>;
}

export interface Downloader {
  download(request: DownloadRequest): Promise<DownloadResult>;
  /**
   * Stops new downloads and resolves when every running one has finished or failed. Downloads still
   * running after `graceMs` are aborted: their temporary files are removed and nothing partial stays.
   */
  close(graceMs?: number): Promise<void>;
}

/** The disk failure behind an error, when that is what it is: a full or read-only volume, not the file. */
function diskFailureOf(error: unknown): Error | null {
  return toCacheWriteError(error instanceof DownloadFileError ? error.cause : error);
}

export function createDownloader(options: DownloaderOptions): Downloader {
  const limiter = createLimiter(Math.max(1, options.concurrency));
  const running = new Map<number, { key: string; promise: Promise<DownloadResult> }>();
  const abort = new AbortController();
  let closed = false;

  function planned(request: DownloadRequest, folder: string) {
    return filePlan(request.neuron, request.mode, options.site).map((item) => ({
      item,
      path: resolveInsideRoot(folder, item.filename),
    }));
  }

  async function execute(request: DownloadRequest): Promise<DownloadResult> {
    const folder = neuronFolder(options.root, request.neuron.neuronId);
    const metadataPath = resolveInsideRoot(folder, METADATA_FILENAME);
    const plan = planned(request, folder);
    const base = { neuron: request.neuron, folder, metadataPath, mode: request.mode };

    if (request.dryRun) {
      const items = plan.map(({ item, path }) => ({
        ...item,
        path,
        downloadedNow: false,
        onDisk: false,
        reason: item.skip ? item.reason : DRY_RUN_REASON,
        bytes: null,
        sha256: null,
      }));
      return { ...base, items, measurement: null, dryRun: true };
    }

    const measurement = await request.loadMeasurement();
    // Read first, write nothing yet: a link or file at the folder's path is refused (UNSAFE_PATH), and
    // files already there count only in a folder a finished download of this site left.
    const view = (await checkNeuronFolder(options.root, folder))
      ? await readFolderView(folder, options.site)
      : null;
    const items = await decideItems(
      request.neuron,
      plan.map(({ item }) => item),
      folder,
      view,
      request.overwrite,
    );
    // Rendered before any write, so a record that cannot be rendered leaves the disk as it was.
    let metadata: string;
    try {
      metadata = renderMetadata(request.neuron, measurement, request.mode, items, options.site);
    } catch (error) {
      throw new MetadataRenderError(request.neuron.neuronId, error);
    }
    const { created } = await ensureNeuronFolder(options.root, folder).catch((error: unknown) => {
      throw toCacheWriteError(error) ?? error;
    });
    const staged: StagedFile[] = [];
    const committed: string[] = [];
    const stopRefreshing = keepFresh(staged);
    try {
      await assertWritable(folder);
      for (const item of items) {
        if (!item.downloadedNow) continue;
        const target = { kind: item.kind, url: item.url, filename: item.filename, skip: false, reason: null };
        const file = await fetchToStaged(folder, target, {
          http: options.http,
          attempts: options.fileAttempts,
          signal: abort.signal,
          ...(options.onBuffered ? { onBuffered: options.onBuffered } : {}),
          ...(options.fileLimits ? { limits: options.fileLimits } : {}),
        });
        staged.push(file);
        item.bytes = file.bytes;
        item.sha256 = file.sha256;
      }
      // Everything is staged (metadata.json too) before anything is renamed into place.
      const dataFiles = [...staged];
      const metadataFile = await stageContent(folder, METADATA_FILENAME, metadata);
      staged.push(metadataFile);
      // The folder may have been swapped for a link while the files streamed.
      await assertNeuronFolder(options.root, folder);
      await commitAll(dataFiles, metadataFile, committed);
    } catch (error) {
      await rollback(folder, created, staged, committed);
      options.onFinished?.('failed', 0);
      throw diskFailureOf(error) ?? error;
    } finally {
      stopRefreshing();
    }
    options.onFinished?.(
      'ok',
      items.reduce((sum, item) => sum + (item.downloadedNow ? (item.bytes ?? 0) : 0), 0),
    );
    return { ...base, items, measurement, dryRun: false };
  }

  function download(request: DownloadRequest): Promise<DownloadResult> {
    if (closed) return Promise.reject(new Error('the downloader is shutting down'));
    if (request.dryRun) return execute(request);
    const id = request.neuron.neuronId;
    const key = `${request.mode}|${request.overwrite}`;
    const current = running.get(id);
    // Same neuron, same request: share the work. Same neuron, different request: run after it.
    if (current?.key === key) return current.promise;
    const previous = current?.promise.catch(() => undefined) ?? Promise.resolve();
    const lock = options.lockNeuron ?? ((_id, task) => task());
    const promise = previous.then(() => lock(id, () => limiter.run(() => execute(request))));
    const entry = { key, promise };
    running.set(id, entry);
    const forget = () => {
      if (running.get(id) === entry) running.delete(id);
    };
    promise.then(forget, forget);
    return promise;
  }

  return {
    download,
    async close(graceMs = Number.POSITIVE_INFINITY) {
      closed = true;
      const all = Promise.allSettled([...running.values()].map((entry) => entry.promise));
      if (Number.isFinite(graceMs)) {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            abort.abort(new Error('the gateway is shutting down'));
            resolve();
          }, graceMs);
        });
        await Promise.race([all, deadline]);
        clearTimeout(timer);
      }
      await all;
    },
  };
}

import { mkdir, rmdir, stat } from 'node:fs/promises';
import { filePlan } from '../neuromorpho/file-plan.js';
import type {
  DownloadMode,
  FileKind,
  MeasurementRecord,
  NeuronRecord,
  SiteUrls,
} from '../neuromorpho/types.js';
import type { UpstreamHttp } from '../upstream/http.js';
import { createLimiter } from '../util/concurrency.js';
import { METADATA_FILENAME, neuronFolder } from './cache-status.js';
import { resolveInsideRoot } from './confine.js';
import { fetchToStaged } from './fetch-file.js';
import { renderMetadata } from './metadata.js';
import { type StagedFile, writeFileAtomically } from './staged-file.js';

export const DRY_RUN_REASON = 'dry_run';
export const EXISTS_REASON = 'already_exists';

export interface DownloadItemResult {
  kind: FileKind;
  url: string;
  filename: string;
  /** Absolute path on disk (whether or not the file is there). */
  path: string;
  downloadedNow: boolean;
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
  /** Told when a download (not a dry run) ends, for metrics. */
  onFinished?: (outcome: 'ok' | 'failed', bytesWritten: number) => void;
}

export interface Downloader {
  download(request: DownloadRequest): Promise<DownloadResult>;
  /**
   * Stops new downloads and resolves when every running one has finished or failed. Downloads still
   * running after `graceMs` are aborted: their temporary files are removed and nothing partial stays.
   */
  close(graceMs?: number): Promise<void>;
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
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
        reason: item.skip ? item.reason : DRY_RUN_REASON,
        bytes: null,
        sha256: null,
      }));
      return { ...base, items, measurement: null, dryRun: true };
    }

    const measurement = await request.loadMeasurement();
    const folderExisted = (await stat(folder).catch(() => null))?.isDirectory() ?? false;
    await mkdir(folder, { recursive: true });
    const staged: StagedFile[] = [];
    const items: DownloadItemResult[] = [];
    try {
      for (const { item, path } of plan) {
        const existing = item.skip ? null : await fileSize(path);
        if (item.skip || (existing !== null && !request.overwrite)) {
          items.push({
            ...item,
            path,
            downloadedNow: false,
            reason: item.skip ? item.reason : EXISTS_REASON,
            bytes: existing,
            sha256: null,
          });
          continue;
        }
        const file = await fetchToStaged(folder, item, {
          http: options.http,
          attempts: options.fileAttempts,
          signal: abort.signal,
          ...(options.onBuffered ? { onBuffered: options.onBuffered } : {}),
        });
        staged.push(file);
        items.push({
          ...item,
          path,
          downloadedNow: true,
          reason: null,
          bytes: file.bytes,
          sha256: file.sha256,
        });
      }
      // Every file is complete before any is renamed into place; metadata.json comes last.
      for (const file of staged) await file.commit();
      await writeFileAtomically(
        folder,
        METADATA_FILENAME,
        renderMetadata(request.neuron, measurement, request.mode, items, options.site),
      );
    } catch (error) {
      await Promise.all(staged.map((file) => file.discard()));
      if (!folderExisted) await rmdir(folder).catch(() => undefined);
      options.onFinished?.('failed', 0);
      throw error;
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
    const promise = previous.then(() => limiter.run(() => execute(request)));
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

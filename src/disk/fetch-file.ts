import type { FilePlanItem } from '../neuromorpho/types.js';
import { UpstreamError } from '../upstream/errors.js';
import type { UpstreamHttp } from '../upstream/http.js';
import { DownloadFileError } from './download-errors.js';
import { type StagedFile, stageStream } from './staged-file.js';

export interface FetchFileOptions {
  http: UpstreamHttp;
  /** Whole downloads tried when a stream breaks mid-way (the request itself retries before the first byte). */
  attempts: number;
  signal?: AbortSignal;
  onBuffered?: (bytes: number) => void;
}

/**
 * Downloads one planned file into a staged temporary file. A stream that breaks or ends short is
 * discarded and fetched again from scratch; an HTTP failure (after the client's own retries) is final.
 */
export async function fetchToStaged(
  folder: string,
  item: FilePlanItem,
  options: FetchFileOptions,
): Promise<StagedFile> {
  let lastError: unknown;
  for (let attempt = 0; attempt < Math.max(1, options.attempts); attempt++) {
    let opened: Awaited<ReturnType<UpstreamHttp['openStream']>>;
    try {
      opened = await options.http.openStream(item.url, options.signal ? { signal: options.signal } : {});
    } catch (error) {
      throw new DownloadFileError(item, error);
    }
    try {
      return await stageStream(folder, item.filename, opened.body, {
        expectedBytes: opened.contentLength,
        ...(options.onBuffered ? { onBuffered: options.onBuffered } : {}),
      });
    } catch (error) {
      opened.body.destroy();
      if (options.signal?.aborted || error instanceof UpstreamError) throw new DownloadFileError(item, error);
      lastError = error;
    }
  }
  throw new DownloadFileError(item, lastError);
}

import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FetchAPI } from '@whatwg-node/server';
import { attachmentDisposition } from '../../datasets/outputs/attachment-name.js';
import {
  type DatasetDownload,
  type DatasetOutputSource,
  datasetDownload,
  type ZipObservers,
} from '../../datasets/outputs/dataset-output.js';
import { isDatasetPath, parseDatasetRoute } from '../../datasets/outputs/dataset-route.js';
import { NotFoundError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { textAnswer } from './json-answer.js';
import { routeFailureAnswer } from './route-failure-answer.js';
import type { FrontPlugin } from './server-context.js';

export interface DatasetFilesOptions {
  datasets: DatasetOutputSource;
  /** CACHE_DIR: the items' files are read from inside it. */
  root: string;
  logger: Logger;
  /** Observes each zip's buffered and read bytes (tests). */
  zipObservers?: ZipObservers;
}

/**
 * On every answer of these routes: readable by pages on any origin, as /files is, and the attachment's
 * name readable by their scripts too.
 */
const COMMON_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Content-Disposition',
  'x-content-type-options': 'nosniff',
};

function headersOf(download: DatasetDownload): Record<string, string> {
  return {
    ...COMMON_HEADERS,
    'content-type': download.contentType,
    'content-disposition': attachmentDisposition(download.filename),
    // Made anew for every request, and a running dataset's change as it goes: nothing to keep.
    'cache-control': 'no-store',
  };
}

/** A reader that went away is no fault; anything else is logged, and the cut answer tells the client. */
function isClientGone(error: unknown, response: ServerResponse | undefined): boolean {
  return (error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE' || response?.destroyed === true;
}

/**
 * `GET/HEAD /datasets/{id}/manifest.csv`, `/datasets/{id}/manifest.json` and `/datasets/{id}.zip`: a
 * dataset's manifest and zip, streamed as they are made (chunked: a zip's length is known only at its
 * end) straight onto the Node response, so the response's backpressure reaches the reading of files.
 * An unknown id is the 404 NOT_FOUND other routes answer. A failure after the first byte can only cut
 * the answer short (the status is sent by then); it is logged. Read-only and served from the cache
 * root like /files, so it sits before the rate limit with it.
 */
export function useDatasetFiles(options: DatasetFilesOptions | null): FrontPlugin {
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (options === null || !isDatasetPath(url.pathname)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(
          textAnswer(fetchAPI, 405, 'method not allowed', { allow: 'GET, HEAD', ...COMMON_HEADERS }),
        );
        return;
      }
      const { requestId, res } = serverContext;
      let download: DatasetDownload;
      try {
        const route = parseDatasetRoute(url.pathname);
        const snapshot = route === null ? null : await options.datasets.get(route.datasetId);
        if (route === null || snapshot === null) throw new NotFoundError(`no dataset at ${url.pathname}`);
        download = datasetDownload(
          route.output,
          snapshot,
          options.datasets,
          options.root,
          options.zipObservers,
        );
      } catch (error) {
        const context = { logger: options.logger, requestId, headers: COMMON_HEADERS };
        endResponse(routeFailureAnswer(fetchAPI, error, context));
        return;
      }
      const headers = headersOf(download);
      if (request.method === 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 200, headers }));
        return;
      }
      endResponse(await streamed(download, headers, res, fetchAPI, options.logger, requestId));
    },
  };
}

async function streamed(
  download: DatasetDownload,
  headers: Record<string, string>,
  res: ServerResponse | undefined,
  fetchAPI: FetchAPI,
  logger: Logger,
  requestId: string | undefined,
): Promise<Response> {
  const body = await download.open();
  if (res === undefined) {
    // Driven through fetch (no Node response): the adapter streams the web body, pulling as it is read.
    return new fetchAPI.Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
      status: 200,
      headers,
    });
  }
  res.writeHead(200, headers);
  try {
    await pipeline(body, res);
  } catch (error) {
    if (!isClientGone(error, res)) {
      logger.error({ err: error, requestId, file: download.filename }, 'dataset download cut short');
    }
    res.destroy();
  }
  // Answered on the Node response already; the adapter sends nothing for an ended response.
  return new fetchAPI.Response(null, { status: res.statusCode });
}

import type { CachedFileRead } from '../disk/cached-standard-file.js';
import { NotFoundError } from '../errors.js';
import { standardSwcUrl } from '../neuromorpho/file-urls.js';
import type { NeuronRecord, SiteUrls } from '../neuromorpho/types.js';
import type { CallOptions } from '../upstream/client-types.js';
import type { UpstreamHttp } from '../upstream/http.js';
import { readStandardSwc } from '../upstream/standard-file.js';

export interface StandardSwcSourceOptions {
  site: SiteUrls;
  http: UpstreamHttp;
  /** MORPHOLOGY_MAX_BYTES, as for `Neuron.morphology`. */
  maxBytes: number;
  /** Whole reads of a file whose stream breaks mid-way. */
  fileAttempts: number;
  /** The on-disk cache's copy (DiskCache.readStandardFile). */
  readLocal(neuron: NeuronRecord, maxBytes: number): Promise<CachedFileRead>;
}

/**
 * A neuron's standard SWC bytes, from where `Neuron.morphology` takes them: the copy a download left
 * in CACHE_DIR, else NeuroMorpho through the same budget, retries and byte cap. The bytes are not kept
 * (up to MORPHOLOGY_MAX_BYTES each, they would crowd the response cache); concurrent requests for one
 * file share one read.
 */
export function createStandardSwcSource(options: StandardSwcSourceOptions) {
  const inFlight = new Map<string, Promise<Uint8Array>>();

  const reader = {
    http: options.http,
    maxBytes: options.maxBytes,
    attempts: options.fileAttempts,
    readLocal: options.readLocal,
  };

  return {
    bytes(neuron: NeuronRecord, call: CallOptions = {}): Promise<Uint8Array> {
      const url = standardSwcUrl(neuron, options.site);
      if (url === null) {
        return Promise.reject(
          new NotFoundError(`neuron ${neuron.neuronId} has no standard file (no archive)`),
        );
      }
      const running = inFlight.get(url);
      if (running) return running;
      // Shared by every caller, so no caller's abort signal is passed on (as in single-flight.ts).
      const { signal: _own, ...shared } = call;
      const started = readStandardSwc(reader, neuron, url, shared).finally(() => inFlight.delete(url));
      inFlight.set(url, started);
      return started;
    },
  };
}

export type StandardSwcSource = ReturnType<typeof createStandardSwcSource>;

import { cacheKeys } from '../cache/keys.js';
import type { CachedFileRead } from '../disk/cached-standard-file.js';
import type { ShollPoint, SvgOptions } from '../morphology/index.js';
import type { MorphologyAnalysis } from '../morphology-pool/analysis.js';
import { MorphologyTooLargeError } from '../morphology-pool/morphology-errors.js';
import type { MorphologyPool } from '../morphology-pool/pool.js';
import { standardSwcUrl } from '../neuromorpho/file-urls.js';
import type { NeuronRecord, SiteUrls } from '../neuromorpho/types.js';
import type { ClientContext } from './client-context.js';
import type { CallOptions, Morphology, NeuroMorphoClient } from './client-types.js';
import { readStandardSwc } from './standard-file.js';

export interface MorphologyOptions {
  /** MORPHOLOGY_MAX_BYTES: largest standard file read, from disk or NeuroMorpho. */
  maxBytes: number;
  /** MORPHOLOGY_MAX_NODES: most samples parsed. */
  maxNodes: number;
  /** Whole reads of a file whose stream breaks mid-way. */
  fileAttempts: number;
  /** The on-disk cache's copy (DiskCache.readStandardFile). */
  readLocal(neuron: NeuronRecord, maxBytes: number): Promise<CachedFileRead>;
  /** The worker pool; asked for on first use, so it starts only when a morphology is wanted. */
  pool(): MorphologyPool;
}

/**
 * Morphology of a neuron's standard file: the bytes from the on-disk cache when a download left them,
 * else from NeuroMorpho once; parsed and measured on the worker pool; the analysis kept in the response
 * cache like a record (a 404 remembered briefly), drawings and profiles beside it per argument set.
 * Concurrent calls for one file share one read and one parse.
 */
export function createMorphologyOperations(
  context: ClientContext,
  site: SiteUrls,
  options: MorphologyOptions | undefined,
): Pick<NeuroMorphoClient, 'getMorphology'> {
  const { cache, ttls } = context;
  const inFlight = new Map<string, Promise<MorphologyAnalysis>>();

  async function analyse(neuron: NeuronRecord, url: string, call?: CallOptions): Promise<MorphologyAnalysis> {
    if (options === undefined) throw new Error('morphology is not configured for this client');
    const { maxBytes, maxNodes } = options;
    const reader = {
      http: context.http,
      maxBytes,
      attempts: options.fileAttempts,
      readLocal: options.readLocal,
    };
    const bytes = await readStandardSwc(reader, neuron, url, call);
    const result = await options.pool().analyse(bytes, maxNodes);
    if ('tooManySamples' in result) {
      throw new MorphologyTooLargeError(
        `the standard file has more than MORPHOLOGY_MAX_NODES (${maxNodes}) samples`,
        { url, maxNodes },
      );
    }
    return result;
  }

  function analysisOf(neuron: NeuronRecord, url: string, call?: CallOptions): Promise<MorphologyAnalysis> {
    const key = cacheKeys.morphology(neuron.neuronId, url);
    const running = inFlight.get(key);
    if (running) return running;
    // Shared by every caller, so no caller's abort signal is passed on (as in single-flight.ts).
    const { signal: _own, ...shared } = call ?? {};
    const started = cache
      .record(key, ttls.recordMs, url, () => analyse(neuron, url, shared), shared)
      .finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  }

  function morphologyOf(neuron: NeuronRecord, url: string, analysis: MorphologyAnalysis): Morphology {
    const view = <T>(args: unknown, make: (pool: MorphologyPool) => Promise<T>) =>
      cache.value<T>(cacheKeys.morphologyView(neuron.neuronId, url, args), ttls.recordMs, () =>
        make((options as MorphologyOptions).pool()),
      );
    const svgOf = (svgOptions: Required<SvgOptions>) =>
      view(['svg', svgOptions.projection, svgOptions.width, svgOptions.height], (pool) =>
        pool.svg(analysis.geometry, svgOptions),
      );
    return {
      analysis,
      svg: svgOf,
      // Base64 in the cache: Redis keeps JSON values, and a string is one in both stores.
      png: async (svgOptions: Required<SvgOptions>) => {
        const args = ['png', svgOptions.projection, svgOptions.width, svgOptions.height];
        const encoded = await view(args, async (pool) =>
          Buffer.from(await pool.png(await svgOf(svgOptions), svgOptions.width)).toString('base64'),
        );
        return Buffer.from(encoded, 'base64');
      },
      sholl: (stepUm: number): Promise<ShollPoint[]> =>
        view(['sholl', stepUm], (pool) => pool.sholl(analysis.geometry, stepUm)),
    };
  }

  return {
    async getMorphology(neuron, call) {
      const url = standardSwcUrl(neuron, site);
      if (url === null) return null;
      return morphologyOf(neuron, url, await analysisOf(neuron, url, call));
    },
  };
}

import { cacheKeys } from '../cache/keys.js';
import { entrySize } from '../cache/keyv-factory.js';
import type { CachedFileRead } from '../disk/cached-standard-file.js';
import type { ShollPoint, SvgOptions } from '../morphology/index.js';
import type { MorphologyAnalysis } from '../morphology-pool/analysis.js';
import { createKeptAnalyses, type KeptAnalysesOptions } from '../morphology-pool/kept-analyses.js';
import { MorphologyTooLargeError } from '../morphology-pool/morphology-errors.js';
import type { MorphologyPool } from '../morphology-pool/pool.js';
import { standardSwcUrl } from '../neuromorpho/file-urls.js';
import type { NeuronRecord, SiteUrls } from '../neuromorpho/types.js';
import type { ClientContext } from './client-context.js';
import type {
  CachedAnswer,
  CacheEvent,
  CallOptions,
  Morphology,
  NeuroMorphoClient,
  ResponseCache,
} from './client-types.js';
import { UpstreamNotFoundError } from './errors.js';
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
  /** Bounds of the analyses kept in the process (see kept-analyses.ts). */
  kept?: Pick<KeptAnalysesOptions<Morphology>, 'maxEntries' | 'maxBytes'>;
}

/** The response cache itself, under the read-through: warm reads are batched and kept here. */
export interface MorphologyStoreAccess {
  store: ResponseCache;
  /** @default Date.now */
  now?: () => number;
  onEvent?: (event: CacheEvent, count: number) => void;
}

/**
 * Morphology of a neuron's standard file: the bytes from the on-disk cache when a download left them,
 * else from NeuroMorpho once; parsed and measured on the worker pool; the analysis kept in the response
 * cache like a record (a 404 remembered briefly), drawings and profiles beside it per argument set.
 * Concurrent calls for one file share one read and one parse. A warm file is answered from the analyses
 * this process keeps (without waiting: `peekMorphology`), else the fresh entries of all the calls made
 * in one turn of the event loop (a page's loader batch) are read from the store in one read.
 */
export function createMorphologyOperations(
  context: ClientContext,
  site: SiteUrls,
  options: MorphologyOptions | undefined,
  access: MorphologyStoreAccess,
): Pick<NeuroMorphoClient, 'getMorphology' | 'peekMorphology'> {
  const { cache, ttls } = context;
  const now = access.now ?? Date.now;
  const tell = access.onEvent ?? (() => undefined);
  const inFlight = new Map<string, Promise<MorphologyAnalysis>>();
  const kept = createKeptAnalyses<Morphology>({
    ...options?.kept,
    sizeOf: (morphology) => entrySize(morphology.analysis),
    now,
  });
  const readStored = createTurnBatch<CachedAnswer<MorphologyAnalysis | null> | undefined>((keys) =>
    access.store.getMany<MorphologyAnalysis | null>(keys),
  );
  // Records are kept objects with the memory store (client-context.ts createRecordMemo): the URL once each.
  const urls = new WeakMap<NeuronRecord, string | null>();
  const urlOf = (neuron: NeuronRecord): string | null => {
    let url = urls.get(neuron);
    if (url === undefined) {
      url = standardSwcUrl(neuron, site);
      urls.set(neuron, url);
    }
    return url;
  };

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

  function peekMorphology(neuron: NeuronRecord): Morphology | null | undefined {
    const url = urlOf(neuron);
    if (url === null) return null;
    const known = kept.get(neuron.neuronId, url);
    if (known !== undefined) tell('hit', 1);
    return known;
  }

  return {
    peekMorphology,
    async getMorphology(neuron, call) {
      const known = peekMorphology(neuron);
      if (known !== undefined) return known;
      const url = urlOf(neuron) as string;
      const stored = await readStored(cacheKeys.morphology(neuron.neuronId, url));
      if (stored !== undefined && stored.f > now()) {
        tell('hit', 1);
        if (stored.v === null) throw new UpstreamNotFoundError(url);
        return kept.keep(neuron.neuronId, url, morphologyOf(neuron, url, stored.v), stored.f);
      }
      // Missing or expired: the read-through loads it (once for all callers), or serves the expired copy.
      // Kept only once the store answers it fresh: so nothing is kept that the store does not hold
      // (CACHE_STORE=off keeps nothing), and each entry for exactly as long as the store calls it fresh.
      return morphologyOf(neuron, url, await analysisOf(neuron, url, call));
    },
  };
}

/**
 * One `readMany` for every key asked for in the same turn of the event loop: a loader's batch calls
 * once per neuron, synchronously, so a page of 50 is one store read. The store never throws; if it did,
 * every key of the read is a miss.
 */
function createTurnBatch<T>(
  readMany: (keys: string[]) => Promise<T[]>,
): (key: string) => Promise<T | undefined> {
  let keys: string[] = [];
  let waiting: Array<(value: T | undefined) => void> = [];
  const flush = () => {
    const asked = keys;
    const answer = waiting;
    keys = [];
    waiting = [];
    readMany(asked).then(
      (values) => {
        answer.forEach((resolve, index) => {
          resolve(values[index]);
        });
      },
      () => {
        for (const resolve of answer) resolve(undefined);
      },
    );
  };
  return (key) =>
    new Promise((resolve) => {
      if (keys.length === 0) queueMicrotask(flush);
      keys.push(key);
      waiting.push(resolve);
    });
}

import { type CacheTtls, DEFAULT_CACHE_TTLS } from '../cache/ttl.js';
import { ignorePayloadIssues, type PayloadIssueReporter } from '../neuromorpho/payload-issues.js';
import type { SiteUrls } from '../neuromorpho/types.js';
import { createClientContext } from './client-context.js';
import type { NeuroMorphoClient, ResponseCache } from './client-types.js';
import { createFieldOperations } from './field-operations.js';
import type { UpstreamHttp } from './http.js';
import { createMeasurementOperations } from './measurement-operations.js';
import { createMorphologyOperations, type MorphologyOptions } from './morphology-operations.js';
import { createNeuronOperations } from './neuron-operations.js';
import { createReadThrough, type ReadThroughOptions } from './read-through.js';

export interface ClientCacheOptions extends Omit<ReadThroughOptions, 'notFoundMs'> {
  /** How long each kind of answer stays fresh. */
  ttls: CacheTtls;
}

export interface NeuroMorphoClientOptions {
  site: SiteUrls;
  http: UpstreamHttp;
  /** Parallel per-id requests when a batch must fall back to them. @default 4 */
  fallbackConcurrency?: number;
  /** Told of upstream values answered as null and page records left out, for the log. */
  onPayloadIssue?: PayloadIssueReporter;
  /** The response cache the client reads through; without one every call goes to NeuroMorpho. */
  cache?: ClientCacheOptions;
  /** Where standard files are read from and parsed; without it getMorphology fails. */
  morphology?: MorphologyOptions;
}

const NO_STORE: ResponseCache = {
  getMany: async (keys) => keys.map(() => undefined),
  peek: () => undefined,
  setMany: async () => undefined,
};

/**
 * The NeuroMorpho client, reading through the response cache. URLs are built and payloads mapped in
 * the operations only; the cache holds payloads as sent, and an expired entry answers when NeuroMorpho
 * fails (the call's `onStale` is told).
 */
export function createNeuroMorphoClient(options: NeuroMorphoClientOptions): NeuroMorphoClient {
  const { ttls, ...readThrough } = options.cache ?? { store: NO_STORE, ttls: DEFAULT_CACHE_TTLS };
  const context = createClientContext(options.site, {
    http: options.http,
    cache: createReadThrough({ ...readThrough, notFoundMs: ttls.notFoundMs }),
    ttls,
    report: options.onPayloadIssue ?? ignorePayloadIssues,
  });
  return {
    site: options.site,
    ...createNeuronOperations(context),
    ...createMeasurementOperations(context, options.fallbackConcurrency ?? 4),
    ...createFieldOperations(context),
    ...createMorphologyOperations(context, options.site, options.morphology, readThrough),
  };
}

import type { Dispatcher } from 'undici';
import type { PayloadIssueReporter } from '../neuromorpho/payload-issues.js';
import type { SiteUrls } from '../neuromorpho/types.js';
import { type ClientCacheOptions, createNeuroMorphoClient } from './client.js';
import type { NeuroMorphoClient } from './client-types.js';
import { createUpstreamDispatcher } from './dispatcher.js';
import { type AttemptEvent, createUpstreamHttp, type UpstreamHttp } from './http.js';
import type { MorphologyOptions } from './morphology-operations.js';
import type { RetryPolicyOptions } from './retry-policy.js';
import { withSingleFlight } from './single-flight.js';
import { createUpstreamBudget, type UpstreamBudget, type UpstreamBudgetOptions } from './upstream-budget.js';

export interface UpstreamOptions {
  /** The NeuroMorpho bases, parsed once with the configuration. */
  site: SiteUrls;
  timeoutMs: number;
  retry: RetryPolicyOptions;
  budget: UpstreamBudgetOptions;
  /** Largest JSON body accepted (see UpstreamHttpOptions.maxJsonBytes). @default 67108864 */
  maxJsonBytes?: number;
  /** TLS relaxations for the upstream connection (see DispatcherOptions.tls). */
  tls?: { ciphers: string | null; insecure: boolean };
  userAgent?: string;
  onAttempt?: (event: AttemptEvent) => void;
  /** Told of upstream values answered as null and page records left out (see PayloadIssue). */
  onPayloadIssue?: PayloadIssueReporter;
  /** The response cache the client reads through; without one every call goes to NeuroMorpho. */
  cache?: ClientCacheOptions;
  /** Standard files for `getMorphology`: local copies, limits, the worker pool. */
  morphology?: MorphologyOptions;
}

export interface Upstream {
  client: NeuroMorphoClient;
  /** The retrying HTTP layer, for file downloads. */
  http: UpstreamHttp;
  budget: UpstreamBudget;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

/** Wires dispatcher -> retrying HTTP -> single flight -> the caching NeuroMorpho client, with one close(). */
export function createUpstream(options: UpstreamOptions): Upstream {
  const dispatcher = createUpstreamDispatcher({
    connectTimeoutMs: Math.min(10_000, options.timeoutMs),
    timeoutMs: options.timeoutMs,
    keepAliveTimeoutMs: 10_000,
    // No more sockets than the budget lets requests run at once.
    connectionsPerOrigin: Math.max(1, options.budget.maxConcurrency),
    ...(options.tls
      ? {
          tls: {
            ...(options.tls.ciphers ? { ciphers: options.tls.ciphers } : {}),
            ...(options.tls.insecure ? { rejectUnauthorized: false } : {}),
          },
        }
      : {}),
  });
  const budget = createUpstreamBudget(options.budget);
  const http = withSingleFlight(
    createUpstreamHttp({
      dispatcher,
      budget,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      ...(options.maxJsonBytes === undefined ? {} : { maxJsonBytes: options.maxJsonBytes }),
      userAgent: options.userAgent ?? 'neuromorpho-gateway',
      ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
    }),
  );
  const client = createNeuroMorphoClient({
    site: options.site,
    http,
    ...(options.onPayloadIssue ? { onPayloadIssue: options.onPayloadIssue } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.morphology ? { morphology: options.morphology } : {}),
  });
  return { client, http, budget, dispatcher, close: () => dispatcher.close() };
}

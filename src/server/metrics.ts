import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** A label for an upstream URL that keeps the metric's cardinality small (ids and names removed). */
export function upstreamEndpoint(url: string): string {
  const path = (() => {
    try {
      return new URL(url).pathname;
    } catch {
      return '/';
    }
  })();
  if (path.includes('/dableFiles/')) return '/dableFiles';
  if (path.includes('/images/')) return '/images';
  return (
    path
      .replace(/^.*?\/api\//, '/api/')
      .replace(/\/(id|name)\/[^/]+$/, '/$1/:$1')
      .replace(/\/(fields|partition)\/[^/]+$/, '/$1/:field')
      .replace(/\/$/, '') || '/'
  );
}

/** Operation names labelled by name; every later new name is counted as `other`. */
export const MAX_OPERATION_LABELS = 200;
/** Longest operation label: longer names are cut to this many characters. */
export const MAX_OPERATION_LABEL_LENGTH = 64;

/**
 * Maps client-chosen operation names to a bounded set of label values: every label value is a time
 * series kept for the life of the process, so unbounded names would grow memory and `/metrics` without
 * end. The first MAX_OPERATION_LABELS names (cut to MAX_OPERATION_LABEL_LENGTH) keep their own series;
 * with an allow-list of persisted operations those are the listed operations' names.
 */
export function createOperationLabels(
  maxNames = MAX_OPERATION_LABELS,
  maxLength = MAX_OPERATION_LABEL_LENGTH,
) {
  const known = new Set<string>();
  return (name: string | undefined): string => {
    if (name === undefined) return 'anonymous';
    const label = name.slice(0, maxLength);
    if (known.has(label)) return label;
    if (known.size >= maxNames) return 'other';
    known.add(label);
    return label;
  };
}

/**
 * How often the event-loop delay monitor behind `nmg_process_nodejs_eventloop_lag_*` samples, in ms.
 * prom-client's default of 10 ms wakes an idle process 100 times a second; once a second still catches
 * every stall longer than a second and a shorter one in proportion to its length, and the scrape-time
 * `nmg_process_nodejs_eventloop_lag_seconds` gauge measures the loop's lag at each scrape as before.
 */
export const EVENT_LOOP_SAMPLE_MS = 1000;

/** The gateway's Prometheus metrics, in a registry of its own (no global state). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({
    register: registry,
    prefix: 'nmg_process_',
    eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS,
  });
  const registers = [registry];
  let upstreamSource: (() => { active: number; queued: number }) | undefined;
  return {
    /** Where the in-flight gauge reads from at each scrape. */
    setUpstreamSource(source: () => { active: number; queued: number }) {
      upstreamSource = source;
    },
    registry,
    /** The `operation` label value for an operation name (bounded: see createOperationLabels). */
    operationLabel: createOperationLabels(),
    operations: new Counter({
      name: 'nmg_graphql_operations_total',
      help: 'GraphQL operations by name, type and outcome (ok, error, partial).',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    }),
    operationSeconds: new Histogram({
      name: 'nmg_graphql_operation_duration_seconds',
      help: 'Execution time of GraphQL operations.',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    httpRequests: new Counter({
      name: 'nmg_http_requests_total',
      help: 'HTTP requests by route and status.',
      labelNames: ['route', 'status'],
      registers,
    }),
    upstreamRequests: new Counter({
      name: 'nmg_upstream_requests_total',
      help: 'Upstream attempts by endpoint and result (HTTP status, network, timeout, bad-payload).',
      labelNames: ['endpoint', 'result'],
      registers,
    }),
    upstreamRetries: new Counter({
      name: 'nmg_upstream_retries_total',
      help: 'Upstream attempts that were followed by a retry.',
      labelNames: ['endpoint'],
      registers,
    }),
    upstreamInFlight: new Gauge({
      name: 'nmg_upstream_in_flight',
      help: 'Upstream requests in flight and waiting for a slot of the budget.',
      labelNames: ['state'],
      registers,
      collect() {
        const stats = upstreamSource?.();
        if (!stats) return;
        this.set({ state: 'active' }, stats.active);
        this.set({ state: 'queued' }, stats.queued);
      },
    }),
    cacheEvents: new Counter({
      name: 'nmg_cache_events_total',
      help: 'Response cache lookups: hit, miss, or stale (expired entry served because upstream failed).',
      labelNames: ['event'],
      registers,
    }),
    loaderBatchSize: new Histogram({
      name: 'nmg_dataloader_batch_size',
      help: 'Keys per DataLoader batch.',
      labelNames: ['loader'],
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers,
    }),
    downloads: new Counter({
      name: 'nmg_downloads_total',
      help: 'downloadNeuron runs by outcome.',
      labelNames: ['outcome'],
      registers,
    }),
    downloadBytes: new Counter({
      name: 'nmg_download_bytes_total',
      help: 'Bytes written to the neuron cache.',
      registers,
    }),
    rateLimited: new Counter({
      name: 'nmg_rate_limited_total',
      help: 'Requests refused by the per-client rate limit.',
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

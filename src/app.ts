import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCacheLog } from './cache/cache-log.js';
import { createKeyvHandle } from './cache/keyv-factory.js';
import { createResponseStore } from './cache/response-store.js';
import { type Config, isLoopbackHost } from './config.js';
import { createDatasetService } from './datasets/dataset-service.js';
import { createProgressBus, createWorkQueue } from './datasets/queue/index.js';
import { createDiskCache } from './disk/disk-cache.js';
import { createOfflineCopies } from './disk/offline-copies.js';
import { createLogger, type Logger } from './logger.js';
import { createMorphologyPool } from './morphology-pool/pool.js';
import type { PayloadIssue } from './neuromorpho/payload-issues.js';
import { buildSchema } from './schema/schema.js';
import { createCallerAccess } from './server/caller-access.js';
import { createGraphiQLAssets } from './server/graphiql-assets.js';
import { createHostTrust } from './server/host-trust.js';
import { createHttpFront } from './server/http-front.js';
import { createGatewayServer } from './server/http-server.js';
import { createMetrics, type Metrics, upstreamEndpoint } from './server/metrics.js';
import { createNodeListener } from './server/node-listener.js';
import { loadPersistedOperations } from './server/persisted-operations.js';
import { createRateLimiter } from './server/rate-limiter.js';
import { createReadiness } from './server/readiness.js';
import { createContextFactory } from './server/request-context.js';
import { createAnswerAudience } from './server/response-cache/answer-audience.js';
import { createAnswerStore, neuronEntities } from './server/response-cache/answer-store.js';
import { createStandardSwcSource } from './server/standard-swc-source.js';
import { createGatewayYoga } from './server/yoga.js';
import type { NeuroMorphoClient } from './upstream/client-types.js';
import { createUpstream } from './upstream/create-upstream.js';

export interface App {
  server: Server;
  /** The NeuroMorpho client, reading through the response cache. */
  client: NeuroMorphoClient;
  metrics: Metrics;
  logger: Logger;
  /** Upstream budget figures (in flight, queued, highest concurrency seen). */
  upstreamStats(): ReturnType<ReturnType<typeof createUpstream>['budget']['stats']>;
  /** Listens on config.host:config.port and resolves with the base URL, e.g. http://127.0.0.1:4000. */
  listen(): Promise<string>;
  /**
   * Stops accepting, lets running requests and downloads finish within the grace period (downloads
   * still running then are aborted without leaving partial files), then closes Redis and the upstream pool.
   */
  close(): Promise<void>;
}

export interface AppOptions {
  logger?: Logger;
  /** The response cache's clock: freshness and expiry of its entries. @default Date.now */
  now?: () => number;
}

/** The composition root: everything the gateway runs is built here from one Config. */
export function createApp(config: Config, options: AppOptions = {}): App {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const metrics = createMetrics();
  const site = config.site;
  // One odd upstream value nulls one field (or leaves one record out of its page); the log says which.
  const reportPayloadIssue = (issue: PayloadIssue) =>
    logger.warn({ payloadIssue: issue }, 'upstream value not usable as sent');
  const now = options.now ?? Date.now;
  const cacheLog = createCacheLog(logger);
  const store = createResponseStore({
    handle: createKeyvHandle({
      store: config.cacheStore,
      maxEntries: config.cacheMaxEntries,
      maxBytes: config.cacheMaxBytes,
      onError: cacheLog.error,
    }),
    staleMs: config.cacheTtls.staleMs,
    l1: config.cacheL1,
    operationTimeoutMs: 250,
    onError: cacheLog.error,
    onAvailability: cacheLog.availability,
    now,
  });
  let cacheHits = 0;
  // Threads start on the first morphology asked for, not with the gateway.
  const morphologyPool = createMorphologyPool({ threads: config.morphology.threads });
  const upstream = createUpstream({
    site,
    onPayloadIssue: reportPayloadIssue,
    cache: {
      store,
      ttls: config.cacheTtls,
      now,
      // Downloaded neurons answer their own reads (marked stale) when NeuroMorpho fails and nothing is cached.
      offline: createOfflineCopies({ root: config.cacheDir, site }),
      onEvent: (event, count) => {
        if (event === 'hit') cacheHits += count;
        metrics.cacheEvents.inc({ event }, count);
      },
    },
    timeoutMs: config.upstreamTimeoutMs,
    retry: config.upstreamRetry,
    maxJsonBytes: config.upstreamMaxJsonBytes,
    tls: config.upstreamTls,
    budget: config.upstreamBudget,
    morphology: {
      maxBytes: config.morphology.maxBytes,
      maxNodes: config.morphology.maxNodes,
      fileAttempts: config.upstreamRetry.attempts,
      // diskCache is built below, from this upstream's http; it is only read once requests run.
      readLocal: (neuron, maxBytes) => diskCache.readStandardFile(neuron, maxBytes),
      pool: () => morphologyPool,
    },
    onAttempt: (event) => {
      const endpoint = upstreamEndpoint(event.url);
      const result =
        event.outcome.kind === 'status' || event.outcome.kind === 'ok'
          ? String(event.outcome.status)
          : event.outcome.kind;
      metrics.upstreamRequests.inc({ endpoint, result });
      if (event.retryInMs !== undefined) metrics.upstreamRetries.inc({ endpoint });
    },
  });
  metrics.setUpstreamSource(() => upstream.budget.stats());
  const client = upstream.client;
  const diskCache = createDiskCache({
    root: config.cacheDir,
    site,
    http: upstream.http,
    fileAttempts: config.upstreamRetry.attempts,
    concurrency: config.downloadConcurrency,
    fileLimits: {
      maxBytes: config.downloadMaxBytes,
      timeoutMs: config.downloadFileTimeoutMs,
      upstreamConcurrency: config.upstreamBudget.maxConcurrency,
    },
    onDownloadFinished: (outcome, bytes) => {
      metrics.downloads.inc({ outcome });
      metrics.downloadBytes.inc(bytes);
    },
    onTempFilesRemoved: (removed) =>
      logger.info({ removed }, 'removed temporary files left by an interrupted download'),
  });
  // Whole answers: a neuron's download, removal or clear (dataset jobs included) drops those showing it.
  const answers = config.responseCache.enabled
    ? createAnswerStore({ maxEntries: 10_000, maxBytes: 64 * 1024 * 1024, now })
    : null;
  if (answers) diskCache.onNeuronChanged((neuronId) => answers.invalidate(neuronEntities(neuronId)));
  // Jobs share the response cache's Redis when there is one, so gateways sharing it share the work.
  const sharedRedisUrl = /^rediss?:\/\//.test(config.cacheStore) ? config.cacheStore : null;
  const datasets = createDatasetService({
    root: config.cacheDir,
    client,
    diskCache,
    // A task that failed every attempt fails its job (told through the service, created just here).
    queue: createWorkQueue({
      redisUrl: sharedRedisUrl,
      onFailed: (task, error) => datasets.taskFailed(task, error),
      onError: (error) => logger.warn({ err: error }, 'dataset queue: Redis trouble'),
    }),
    bus: createProgressBus({
      redisUrl: sharedRedisUrl,
      onError: (error) => logger.warn({ err: error }, 'dataset progress: Redis trouble'),
    }),
    maxNeurons: config.datasets.maxNeurons,
    downloadConcurrency: config.downloadConcurrency,
    logger,
    graceMs: config.shutdownGraceMs,
  });
  const readiness = createReadiness({
    site,
    dispatcher: upstream.dispatcher,
    store,
    cacheWarm: () => store.written() > 0 || cacheHits > 0,
    requiresCache: config.readyRequiresCache,
  });

  // Same Redis as the response cache: gateways sharing it share each client's budget too.
  const rateLimiter =
    config.rateLimit === null
      ? null
      : createRateLimiter({
          ...config.rateLimit,
          redisUrl: sharedRedisUrl,
        });
  let listener: RequestListener | undefined;
  let closing: Promise<void> | undefined;
  const gatewayServer = createGatewayServer(
    (request, response) => listener?.(request, response),
    config.connections,
    (address) => logger.debug({ address }, 'connection refused: too many open from this address'),
  );
  const server = gatewayServer.server;
  const listensOnLoopback = isLoopbackHost(config.host);
  const hosts = createHostTrust({
    listenHost: config.host,
    listensOnLoopback,
    allowedHosts: config.allowedHosts,
    port: () => (server.address() as AddressInfo | null)?.port ?? config.port,
  });
  const writeAccess = {
    adminToken: config.adminToken,
    listensOnLoopback,
    allowAnonymousWrites: config.allowAnonymousWrites,
    hosts,
  };

  const callerAccess = createCallerAccess(writeAccess, config.exposePaths);

  async function build() {
    const persisted = config.persistedOperationsFile
      ? await loadPersistedOperations(config.persistedOperationsFile)
      : null;
    // Lazy: GraphiQL's 9 MB of code is loaded when its page is first asked for, not at start.
    const graphiqlAssets = createGraphiQLAssets();
    const yoga = createGatewayYoga({
      schema: buildSchema(),
      context: createContextFactory({
        client,
        site,
        diskCache,
        datasets,
        cacheRoot: config.cacheDir,
        writeAccess,
        callerAccess,
        onLoaderBatch: (loader, size) => metrics.loaderBatchSize.observe({ loader }, size),
      }),
      limits: config.limits,
      metrics,
      maxBodyBytes: config.maxBodyBytes,
      maxBatchOperations: config.maxBatchOperations,
      introspection: config.introspection,
      persistedOperations: persisted,
      logger,
      renderGraphiQL: graphiqlAssets.render,
      corsOrigins: config.corsOrigins,
      responseCache: answers && {
        store: answers,
        ttls: config.cacheTtls,
        maxTtlMs: config.responseCache.ttlMs,
        audience: createAnswerAudience(callerAccess),
      },
    });
    const front = createHttpFront({
      yoga,
      hosts,
      trustProxy: config.trustProxy,
      adminToken: config.adminToken,
      rateLimiter,
      corsOrigins: config.corsOrigins,
      readiness,
      metrics,
      logger,
      graphiqlAssets: config.introspection ? graphiqlAssets : null,
      cacheDir: config.cacheDir,
      datasets,
      morphology: {
        client,
        standardSwc: createStandardSwcSource({
          site,
          http: upstream.http,
          maxBytes: config.morphology.maxBytes,
          fileAttempts: config.upstreamRetry.attempts,
          readLocal: (neuron, maxBytes) => diskCache.readStandardFile(neuron, maxBytes),
        }),
      },
    });
    listener = createNodeListener(front, logger);
  }

  return {
    server,
    client,
    metrics,
    logger,
    upstreamStats: () => upstream.budget.stats(),
    async listen() {
      await build();
      await diskCache.start();
      await datasets.start();
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${host}:${address.port}`);
        });
      });
    },
    close() {
      closing ??= shutdown();
      return closing;
    },
  };

  async function shutdown(): Promise<void> {
    const closed = gatewayServer.drain();
    const deadline = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
    // Jobs first: they stop taking neurons, so the downloads left are the ones running now.
    await datasets.close();
    await diskCache.close(config.shutdownGraceMs);
    await closed;
    clearTimeout(deadline);
    await Promise.all([upstream.close(), store.close(), rateLimiter?.close(), morphologyPool.close()]);
  }
}

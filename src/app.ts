import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCacheLog } from './cache/cache-log.js';
import { type CachedClient, createCachedClient } from './cache/cached-client.js';
import { createKeyvHandle } from './cache/keyv-factory.js';
import { createResponseStore } from './cache/response-store.js';
import { type Config, isLoopbackHost } from './config.js';
import { createDownloader } from './disk/downloader.js';
import { createFileLimits } from './disk/fetch-file.js';
import { removeStaleTempFiles } from './disk/temp-files.js';
import { createLogger, type Logger } from './logger.js';
import type { PayloadIssue } from './neuromorpho/payload-issues.js';
import { createSiteUrls } from './neuromorpho/site-urls.js';
import { buildSchema } from './schema/schema.js';
import { createFileRoute } from './server/file-route.js';
import { createGraphiQLAssets } from './server/graphiql-assets.js';
import { createHostTrust } from './server/host-trust.js';
import { createHttpHandler } from './server/http-handler.js';
import { createGatewayServer } from './server/http-server.js';
import { createMetrics, type Metrics, upstreamEndpoint } from './server/metrics.js';
import { loadPersistedOperations } from './server/persisted-operations.js';
import { createReadiness } from './server/readiness.js';
import { createContextFactory } from './server/request-context.js';
import { createGatewayYoga } from './server/yoga.js';
import { createUpstream } from './upstream/create-upstream.js';

export interface App {
  server: Server;
  /** The NeuroMorpho client with the response cache in front. */
  client: CachedClient;
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
}

/** The composition root: everything the gateway runs is built here from one Config. */
export function createApp(config: Config, options: AppOptions = {}): App {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const metrics = createMetrics();
  const site = createSiteUrls(config.neuromorphoUrl);
  // One odd upstream value nulls one field (or leaves one record out of its page); the log says which.
  const reportPayloadIssue = (issue: PayloadIssue) =>
    logger.warn({ payloadIssue: issue }, 'upstream value not usable as sent');
  const upstream = createUpstream({
    siteUrl: config.neuromorphoUrl,
    onPayloadIssue: reportPayloadIssue,
    timeoutMs: config.upstreamTimeoutMs,
    retry: config.upstreamRetry,
    maxJsonBytes: config.upstreamMaxJsonBytes,
    tls: config.upstreamTls,
    budget: config.upstreamBudget,
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
  const cacheLog = createCacheLog(logger);
  const store = createResponseStore({
    handle: createKeyvHandle({
      store: config.cacheStore,
      maxEntries: config.cacheMaxEntries,
      maxBytes: config.cacheMaxBytes,
      onError: cacheLog.error,
    }),
    staleMs: config.cacheTtls.staleMs,
    operationTimeoutMs: 250,
    onError: cacheLog.error,
    onAvailability: cacheLog.availability,
  });
  const client = createCachedClient(upstream.client, store, config.cacheTtls, {
    onEvent: (event) => metrics.cacheEvents.inc({ event }),
    onPayloadIssue: reportPayloadIssue,
  });
  const downloader =
    config.cacheDir === null
      ? null
      : createDownloader({
          root: config.cacheDir,
          site,
          http: upstream.http,
          fileAttempts: config.upstreamRetry.attempts,
          concurrency: config.downloadConcurrency,
          fileLimits: createFileLimits({
            maxBytes: config.downloadMaxBytes,
            timeoutMs: config.downloadFileTimeoutMs,
            upstreamConcurrency: config.upstreamBudget.maxConcurrency,
          }),
          onFinished: (outcome, bytes) => {
            metrics.downloads.inc({ outcome });
            metrics.downloadBytes.inc(bytes);
          },
        });
  const readiness = createReadiness({
    site,
    dispatcher: upstream.dispatcher,
    store,
    cacheWarm: () => store.written() > 0 || client.stats().hits > 0,
    requiresCache: config.readyRequiresCache,
  });

  let handler: ReturnType<typeof createHttpHandler> | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;
  const sweepTempFiles = async () => {
    if (config.cacheDir === null) return;
    const removed = await removeStaleTempFiles(config.cacheDir).catch(() => 0);
    if (removed > 0) logger.info({ removed }, 'removed temporary files left by an interrupted download');
  };
  const gatewayServer = createGatewayServer(
    (request, response) => void handler?.handle(request, response),
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
        cacheDir: config.cacheDir,
        downloader,
        writeAccess: {
          adminToken: config.adminToken,
          listensOnLoopback,
          allowAnonymousWrites: config.allowAnonymousWrites,
          hosts,
        },
        exposePaths: config.exposePaths,
        onLoaderBatch: (loader, size) => metrics.loaderBatchSize.observe({ loader }, size),
      }),
      limits: config.limits,
      metrics,
      maxBatchOperations: config.maxBatchOperations,
      introspection: config.introspection,
      persistedOperations: persisted,
      logger,
      renderGraphiQL: graphiqlAssets.render,
      corsOrigins: config.corsOrigins,
    });
    handler = createHttpHandler({
      graphql: (request, serverContext) => Promise.resolve(yoga.fetch(request, serverContext)),
      serveFile: createFileRoute(config.cacheDir),
      graphiqlAssets: config.introspection ? graphiqlAssets : null,
      readiness,
      metrics,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      rateLimit: config.rateLimit,
      trustProxy: config.trustProxy,
      adminToken: config.adminToken,
      hosts,
    });
  }

  return {
    server,
    client,
    metrics,
    logger,
    upstreamStats: () => upstream.budget.stats(),
    async listen() {
      await build();
      // Temporary files a crash left behind are never valid data: remove them before serving, and
      // keep sweeping, since a crash just before a restart leaves files too fresh to tell apart yet.
      await sweepTempFiles();
      sweeper = setInterval(() => void sweepTempFiles(), 10 * 60_000);
      sweeper.unref();
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
    clearInterval(sweeper);
    const closed = gatewayServer.drain();
    const deadline = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
    await downloader?.close(config.shutdownGraceMs);
    await closed;
    clearTimeout(deadline);
    await Promise.all([upstream.close(), store.close()]);
  }
}

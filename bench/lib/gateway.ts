/**
 * Starts the real gateway in this process: createApp of the compiled build (lib/build.ts: the code that
 * ships, not the sources through tsx), real HTTP on a free loopback port. The upstream budget is raised
 * far above NeuroMorpho's 5 req/s (which would otherwise dominate every number) and the per-client rate
 * limit is off: the benchmark measures the gateway, not its politeness settings.
 */
import type { App } from '../../src/app.js';
import { compiledGateway } from './build.js';

/** The settings every benchmarked gateway runs with, on top of the defaults (reported in the results). */
export const BENCH_GATEWAY_ENV: Readonly<Record<string, string>> = {
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_RPS: '0',
  UPSTREAM_MAX_RPS: '100000',
  UPSTREAM_MAX_CONCURRENCY: '64',
  UPSTREAM_TIMEOUT_MS: '30000',
};

export interface BenchGateway {
  url: string;
  graphqlUrl: string;
  app: App;
  close(): Promise<void>;
}

export interface GatewayOptions {
  siteUrl: string;
  /** 'off', 'memory' or a redis:// URL. */
  cacheStore: string;
  cacheDir: string;
}

export async function startGateway(options: GatewayOptions): Promise<BenchGateway> {
  const { createApp, loadConfig } = await compiledGateway().modules();
  const config = loadConfig({
    HOME: '/nonexistent',
    ...BENCH_GATEWAY_ENV,
    NEUROMORPHO_URL: options.siteUrl,
    CACHE_STORE: options.cacheStore,
    CACHE_DIR: options.cacheDir,
  });
  const app = createApp(config);
  const url = await app.listen();
  return { url, graphqlUrl: `${url}/graphql`, app, close: () => app.close() };
}

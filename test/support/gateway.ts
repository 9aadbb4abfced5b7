import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { type App, type AppOptions, createApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { registerCleanup } from './cleanup.js';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface TestGateway {
  url: string;
  graphqlUrl: string;
  app: App;
  config: Config;
  execute<T, V>(document: TypedDocumentNode<T, V> | string, variables?: V): Promise<GraphQLResponse<T>>;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts the real gateway (createApp, real HTTP on a free loopback port) against `upstreamUrl`,
 * usually a replica. Closed after the test file.
 */
export async function startGateway(
  upstreamUrl: string,
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<TestGateway> {
  const config = loadConfig({
    HOME: '/nonexistent',
    PORT: '0',
    NEUROMORPHO_URL: upstreamUrl,
    UPSTREAM_RETRIES: '3',
    UPSTREAM_BACKOFF_MS: '5',
    UPSTREAM_TIMEOUT_MS: '5000',
    CACHE_DIR: 'off',
    CACHE_STORE: 'off',
    LOG_LEVEL: 'silent',
    // Tests measure behaviour, not NeuroMorpho's politeness budget; the budget has tests of its own.
    UPSTREAM_MAX_RPS: '100000',
    UPSTREAM_MAX_CONCURRENCY: '64',
    RATE_LIMIT_RPS: '0',
    ...env,
  });
  const app = createApp(config, options);
  const url = await app.listen();
  const graphqlUrl = `${url}/graphql`;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const gateway: TestGateway = {
    url,
    graphqlUrl,
    app,
    config,
    post,
    async execute(document, variables) {
      const query = typeof document === 'string' ? document : print(document);
      const response = await post({ query, variables });
      return { status: response.status, ...((await response.json()) as object) };
    },
    close: () => app.close(),
  };
  registerCleanup(() => gateway.close());
  return gateway;
}

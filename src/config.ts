import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_CACHE_MAX_BYTES } from './cache/keyv-factory.js';
import { DEFAULT_L1_MAX_BYTES, DEFAULT_L1_TTL_MS } from './cache/recent-entries.js';
import { type CacheTtls, DEFAULT_CACHE_TTLS } from './cache/ttl.js';
import {
  boolean,
  integer,
  list,
  matching,
  oneOf,
  parsed,
  problemsOf,
  secret,
  text,
} from './config-fields.js';
import { DEFAULT_DOWNLOAD_FILE_TIMEOUT_MS, DEFAULT_DOWNLOAD_MAX_BYTES } from './disk/fetch-file.js';
import { defaultMorphologyThreads } from './morphology-pool/threads.js';
import { createSiteUrls } from './neuromorpho/site-urls.js';
import type { SiteUrls } from './neuromorpho/types.js';
import type { ConnectionLimits } from './server/connection-limits.js';
import { corsOriginProblems, DEFAULT_CORS_ORIGINS } from './server/cors-policy.js';
import { parseHostPattern } from './server/host-trust.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './server/limits/query-limits.js';
import { DEFAULT_MAX_JSON_BYTES } from './upstream/bounded-body.js';
import {
  DEFAULT_RETRY_POLICY,
  type RetryPolicyOptions,
  validateRetryPolicy,
} from './upstream/retry-policy.js';
import type { UpstreamBudgetOptions } from './upstream/upstream-budget.js';

/** Everything the gateway is configured by; parsed once, at the edge (main.ts), with units in names. */
export interface Config {
  /** @default '127.0.0.1' */
  host: string;
  /** @default 4000 */
  port: number;
  /** NeuroMorpho site base as given; the API is `{base}/api`. @default 'https://neuromorpho.org' */
  neuromorphoUrl: string;
  /** The URL bases built from `neuromorphoUrl`, parsed once here. @default the bases of https://neuromorpho.org */
  site: SiteUrls;
  /** Root of the on-disk neuron cache; null disables it. @default $XDG_CACHE_HOME/neuromorpho-gateway */
  cacheDir: string | null;
  /** Deadline for one upstream attempt. @default 30000 */
  upstreamTimeoutMs: number;
  /** Largest JSON answer accepted from NeuroMorpho (UPSTREAM_TOO_LARGE above). @default 67108864 (64 MiB) */
  upstreamMaxJsonBytes: number;
  /** Attempts in all and the backoff base. @default { attempts: 3, baseMs: 500, capMs: 30000, jitter: true } */
  upstreamRetry: RetryPolicyOptions;
  /**
   * TLS relaxations for a NeuroMorpho whose certificate or key exchange fails Node's checks (it served
   * a too-small DH key for about a year): a cipher list (e.g. 'HIGH:!DH:!aNULL') and, as a last resort,
   * skipping certificate verification. @default { ciphers: null, insecure: false }
   */
  upstreamTls: { ciphers: string | null; insecure: boolean };
  /**
   * What the gateway may ask of NeuroMorpho, across all clients.
   * @default { maxPerSecond: 5, maxConcurrency: 4, maxQueue: 1000, queueTimeoutMs: 30000 }
   */
  upstreamBudget: UpstreamBudgetOptions;
  /** Bearer token that write operations must present; null means none is set. @default null */
  adminToken: string | null;
  /** Let anyone write while listening on a non-loopback address without a token. @default false */
  allowAnonymousWrites: boolean;
  /** Neurons downloaded at once. @default 4 */
  downloadConcurrency: number;
  /** Largest file a download accepts (UPSTREAM_TOO_LARGE above). @default 1073741824 (1 GiB) */
  downloadMaxBytes: number;
  /** Total time for one file of a download, retries included (UPSTREAM_TIMEOUT after). @default 600000 */
  downloadFileTimeoutMs: number;
  /**
   * `Neuron.morphology`: the largest standard file read (bytes) and parsed (samples), both
   * MORPHOLOGY_TOO_LARGE above, and the worker threads that parse and draw.
   * @default { maxBytes: 67108864 (64 MiB), maxNodes: 2000000, threads: max(1, availableParallelism() - 1) }
   */
  morphology: { maxBytes: number; maxNodes: number; threads: number };
  /** Response cache store: 'memory', 'off' or a redis:// URL. @default 'memory' */
  cacheStore: string;
  /** Entries the memory store keeps. @default 50000 */
  cacheMaxEntries: number;
  /** Bytes (of JSON) the memory store keeps. @default 268435456 (256 MiB) */
  cacheMaxBytes: number;
  /**
   * Redis only: the in-process layer in front of it. `ttlMs` is the longest a write by another gateway
   * goes unseen here; 0 for either turns it off. @default { ttlMs: 1000, maxBytes: 33554432 (32 MiB) }
   */
  cacheL1: { ttlMs: number; maxBytes: number };
  /** Whether /readyz needs the configured Redis to answer (false: NeuroMorpho answering is enough). @default false */
  readyRequiresCache: boolean;
  /**
   * Whole answers to repeated queries, in this process's memory (RESPONSE_CACHE, off when CACHE_STORE is
   * off). `ttlMs` (RESPONSE_CACHE_TTL_MS) is the longest an answer is reused: a change another gateway
   * makes (a download into a shared CACHE_DIR) shows here within it. @default { enabled: true, ttlMs: 10000 }
   */
  responseCache: { enabled: boolean; ttlMs: number };
  /**
   * How long answers stay fresh, and stale ones are kept for when NeuroMorpho fails. @default { recordMs:
   * 86400000, searchMs: 600000, fieldsMs: 3600000, notFoundMs: 60000, staleMs: 604800000 }
   */
  cacheTtls: CacheTtls;
  /** pino log level. @default 'info' */
  logLevel: string;
  /**
   * Limits on one document and on the NeuroMorpho requests one HTTP request may cause. @default
   * { maxDepth: 16, maxBreadth: 1000, maxComplexity: 30000, maxAliases: 50, maxTokens: 5000,
   * maxDirectives: 20, maxFragmentSpreads: 1000, maxUpstreamRequests: 100 }
   */
  limits: QueryLimits;
  /** Largest request body accepted. @default 1048576 (1 MiB) */
  maxBodyBytes: number;
  /** Operations allowed in one HTTP batch. @default 10 */
  maxBatchOperations: number;
  /**
   * Requests per second per client (by admin token, else by address); null disables. @default 20, burst 40,
   * when listening beyond loopback; null on loopback unless RATE_LIMIT_RPS is set
   */
  rateLimit: { perSecond: number; burst: number } | null;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). @default false */
  trustProxy: boolean;
  /**
   * Host names (`name`, `name:port`, `.domain` for its subdomains) browsers may use for this gateway
   * besides IP addresses and localhost; any other Host is refused on loopback (DNS rebinding). @default []
   */
  allowedHosts: string[];
  /**
   * Origins whose pages may read answers cross-origin (`*` for any, `http://host:*` for any port), never
   * with credentials. @default ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*']
   */
  corsOrigins: string[];
  /**
   * Who sees absolute paths on the gateway machine (`folder`, `path`, `metadataPath`): callers that may
   * write, everyone, or no one. @default 'writers'
   */
  exposePaths: 'writers' | 'all' | 'none';
  /**
   * Connection caps and timeouts of the HTTP server. @default { maxConnections: 4096,
   * maxConnectionsPerAddress: 256 beyond loopback (0, no cap, on loopback or behind a trusted proxy),
   * headersTimeoutMs: 10000, requestTimeoutMs: 30000, keepAliveTimeoutMs: 5000 }
   */
  connections: ConnectionLimits;
  /** JSON file `{ "<id>": "<query>" }`; when set, only these operations run. @default null */
  persistedOperationsFile: string | null;
  /** Allow schema introspection (and GraphiQL, which needs it). @default true */
  introspection: boolean;
  /** How long shutdown waits for running requests and downloads. @default 10000 */
  shutdownGraceMs: number;
  /** Dataset jobs: the most neurons one `createDataset` may ask for (`limit`). @default { maxNeurons: 10000 } */
  datasets: { maxNeurons: number };
}

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;
const DEFAULT_MORPHOLOGY_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MORPHOLOGY_MAX_NODES = 2_000_000;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every variable the gateway reads, with its type, range and default: the one declaration of the
 * configuration. Defaults that depend on other settings (on HOST, mostly) are left undefined here and
 * settled in toConfig. README's configuration table documents each one.
 */
const SETTINGS = {
  HOST: matching(z.string().regex(/^[A-Za-z0-9.:[\]-]+$/), 'is not a host name or address', '127.0.0.1'),
  PORT: integer(0, 65_535, 4000),
  NEUROMORPHO_URL: parsed(
    (raw) => ({ url: raw, site: createSiteUrls(raw) }),
    'is not a plain http(s) site base',
    'https://neuromorpho.org',
  ),
  CACHE_DIR: text(null),
  UPSTREAM_TIMEOUT_MS: integer(1, 600_000, 30_000),
  UPSTREAM_MAX_JSON_BYTES: integer(1024, 2 ** 31, DEFAULT_MAX_JSON_BYTES),
  UPSTREAM_RETRIES: integer(1, 20, DEFAULT_RETRY_POLICY.attempts),
  UPSTREAM_BACKOFF_MS: integer(0, 60_000, DEFAULT_RETRY_POLICY.baseMs),
  UPSTREAM_TLS_CIPHERS: text(null),
  UPSTREAM_TLS_INSECURE: boolean(false),
  // NeuroMorpho copes with about 5 requests per second (API spec §9).
  UPSTREAM_MAX_RPS: integer(1, 100_000, 5),
  UPSTREAM_MAX_CONCURRENCY: integer(1, 1000, 4),
  UPSTREAM_MAX_QUEUE: integer(0, 1_000_000, 1000),
  UPSTREAM_QUEUE_TIMEOUT_MS: integer(1, 600_000, 30_000),
  ADMIN_TOKEN: secret(z.string().min(16), 'must be at least 16 characters long'),
  ALLOW_ANONYMOUS_WRITES: boolean(false),
  DOWNLOAD_CONCURRENCY: integer(1, 64, 4),
  DOWNLOAD_MAX_BYTES: integer(1, 2 ** 50, DEFAULT_DOWNLOAD_MAX_BYTES),
  DOWNLOAD_FILE_TIMEOUT_MS: integer(1, 7 * DAY_MS, DEFAULT_DOWNLOAD_FILE_TIMEOUT_MS),
  MORPHOLOGY_MAX_BYTES: integer(1, 2 ** 40, DEFAULT_MORPHOLOGY_MAX_BYTES),
  MORPHOLOGY_MAX_NODES: integer(1, 1_000_000_000, DEFAULT_MORPHOLOGY_MAX_NODES),
  MORPHOLOGY_THREADS: integer(1, 1024, undefined),
  CACHE_STORE: matching(
    z.union([z.enum(['memory', 'off']), z.string().regex(/^rediss?:\/\/\S+$/)]),
    'must be memory, off or a redis://host:port URL',
    'memory',
  ),
  CACHE_MAX_ENTRIES: integer(1, 10_000_000, 50_000),
  CACHE_MAX_BYTES: integer(1024, 2 ** 50, DEFAULT_CACHE_MAX_BYTES),
  CACHE_L1_TTL_MS: integer(0, 60_000, DEFAULT_L1_TTL_MS),
  CACHE_L1_MAX_BYTES: integer(0, 2 ** 50, DEFAULT_L1_MAX_BYTES),
  READY_REQUIRES_CACHE: boolean(false),
  RESPONSE_CACHE: oneOf(['on', 'off'], 'on'),
  RESPONSE_CACHE_TTL_MS: integer(1, DAY_MS, 10_000),
  CACHE_TTL_RECORD_MS: integer(1, YEAR_MS, DEFAULT_CACHE_TTLS.recordMs),
  CACHE_TTL_SEARCH_MS: integer(1, YEAR_MS, DEFAULT_CACHE_TTLS.searchMs),
  CACHE_TTL_FIELDS_MS: integer(1, YEAR_MS, DEFAULT_CACHE_TTLS.fieldsMs),
  CACHE_TTL_NOT_FOUND_MS: integer(1, YEAR_MS, DEFAULT_CACHE_TTLS.notFoundMs),
  CACHE_STALE_MS: integer(0, YEAR_MS, DEFAULT_CACHE_TTLS.staleMs),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  MAX_DEPTH: integer(1, 1000, DEFAULT_QUERY_LIMITS.maxDepth),
  MAX_BREADTH: integer(1, 1_000_000, DEFAULT_QUERY_LIMITS.maxBreadth),
  MAX_COMPLEXITY: integer(1, 100_000_000, DEFAULT_QUERY_LIMITS.maxComplexity),
  MAX_ALIASES: integer(0, 100_000, DEFAULT_QUERY_LIMITS.maxAliases),
  MAX_TOKENS: integer(10, 10_000_000, DEFAULT_QUERY_LIMITS.maxTokens),
  MAX_DIRECTIVES: integer(0, 100_000, DEFAULT_QUERY_LIMITS.maxDirectives),
  MAX_FRAGMENT_SPREADS: integer(0, 1_000_000_000, DEFAULT_QUERY_LIMITS.maxFragmentSpreads),
  MAX_UPSTREAM_REQUESTS_PER_REQUEST: integer(1, 1_000_000, DEFAULT_QUERY_LIMITS.maxUpstreamRequests),
  MAX_BODY_BYTES: integer(1024, 1_073_741_824, 1_048_576),
  MAX_BATCH_OPERATIONS: integer(1, 1000, 10),
  RATE_LIMIT_RPS: integer(0, 1_000_000, undefined),
  RATE_LIMIT_BURST: integer(1, 10_000_000, undefined),
  TRUST_PROXY: boolean(false),
  ALLOWED_HOSTS: list([]),
  CORS_ORIGINS: list(DEFAULT_CORS_ORIGINS),
  EXPOSE_PATHS: oneOf(['writers', 'all', 'none'], 'writers'),
  MAX_CONNECTIONS: integer(1, 1_000_000, 4096),
  MAX_CONNECTIONS_PER_ADDRESS: integer(0, 1_000_000, undefined),
  HEADERS_TIMEOUT_MS: integer(100, 600_000, 10_000),
  REQUEST_TIMEOUT_MS: integer(100, 3_600_000, 30_000),
  KEEP_ALIVE_TIMEOUT_MS: integer(1, 600_000, 5_000),
  PERSISTED_OPERATIONS_FILE: text(null),
  INTROSPECTION: boolean(true),
  SHUTDOWN_GRACE_MS: integer(0, 600_000, 10_000),
  DATASET_MAX_NEURONS: integer(1, 1_000_000, 10_000),
};

type Settings = z.output<z.ZodObject<typeof SETTINGS>>;
type Variable = keyof typeof SETTINGS;
type Source = Partial<Record<Variable, string>>;

/** Variables the gateway reads; each also has a `--kebab-case` flag (`--neuromorpho-url`). */
export const CONFIG_VARIABLES = Object.keys(SETTINGS) as Variable[];

/** The problems worded whole: those of list entries and those that lie between settings. */
function wholeProblems(settings: Settings): string[] {
  const problems = [
    ...settings.ALLOWED_HOSTS.filter((entry) => parseHostPattern(entry) === null).map(
      (entry) => `ALLOWED_HOSTS: "${entry}" is not a host name, name:port or .domain`,
    ),
    ...corsOriginProblems(settings.CORS_ORIGINS),
    ...validateRetryPolicy(retryOf(settings)),
  ];
  if (!isLoopbackHost(settings.HOST) && settings.ADMIN_TOKEN === null && !settings.ALLOW_ANONYMOUS_WRITES) {
    problems.push(
      `HOST ${settings.HOST} is reachable from other machines: set ADMIN_TOKEN so that downloads and cache ` +
        'changes need it, or ALLOW_ANONYMOUS_WRITES=true to let anyone write',
    );
  }
  if (settings.HEADERS_TIMEOUT_MS > settings.REQUEST_TIMEOUT_MS) {
    problems.push(
      'HEADERS_TIMEOUT_MS must not be longer than REQUEST_TIMEOUT_MS (headers are part of the request)',
    );
  }
  return problems;
}

const CONFIG_SCHEMA = z.object(SETTINGS).superRefine((settings, ctx) => {
  for (const problem of wholeProblems(settings)) ctx.addIssue({ code: 'custom', message: problem });
});

/** Merges `--flag value` / `--flag=value` arguments over environment variables (flags win). */
export function configSource(env: Record<string, string | undefined>, argv: readonly string[]): Source {
  const source: Source = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') source[name] = value;
  }
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    const name = match?.[1]?.toUpperCase().replaceAll('-', '_');
    if (!match || !CONFIG_VARIABLES.includes(name as Variable)) {
      problems.push(`unknown argument ${arg}`);
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) problems.push(`${arg} needs a value`);
    else source[name as Variable] = value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return source;
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || bare === '::ffff:127.0.0.1'
  );
}

export function defaultCacheDir(env: Record<string, string | undefined>): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && xdg !== '' ? xdg : join(env.HOME ?? homedir(), '.cache'), 'neuromorpho-gateway');
}

function retryOf(settings: Settings): RetryPolicyOptions {
  return {
    ...DEFAULT_RETRY_POLICY,
    attempts: settings.UPSTREAM_RETRIES,
    baseMs: settings.UPSTREAM_BACKOFF_MS,
  };
}

/** The Config the code reads, from valid settings: grouped, with the defaults that depend on HOST. */
function toConfig(settings: Settings, env: Record<string, string | undefined>): Config {
  const loopback = isLoopbackHost(settings.HOST);
  // On loopback every client is this machine and a limit would protect nothing: off unless asked for.
  const rateLimitRps = settings.RATE_LIMIT_RPS ?? (loopback ? 0 : 20);
  return {
    host: settings.HOST,
    port: settings.PORT,
    neuromorphoUrl: settings.NEUROMORPHO_URL.url,
    site: settings.NEUROMORPHO_URL.site,
    cacheDir: settings.CACHE_DIR === 'off' ? null : (settings.CACHE_DIR ?? defaultCacheDir(env)),
    upstreamTimeoutMs: settings.UPSTREAM_TIMEOUT_MS,
    upstreamMaxJsonBytes: settings.UPSTREAM_MAX_JSON_BYTES,
    upstreamRetry: retryOf(settings),
    upstreamTls: { ciphers: settings.UPSTREAM_TLS_CIPHERS, insecure: settings.UPSTREAM_TLS_INSECURE },
    upstreamBudget: {
      maxPerSecond: settings.UPSTREAM_MAX_RPS,
      maxConcurrency: settings.UPSTREAM_MAX_CONCURRENCY,
      maxQueue: settings.UPSTREAM_MAX_QUEUE,
      queueTimeoutMs: settings.UPSTREAM_QUEUE_TIMEOUT_MS,
    },
    adminToken: settings.ADMIN_TOKEN,
    allowAnonymousWrites: settings.ALLOW_ANONYMOUS_WRITES,
    downloadConcurrency: settings.DOWNLOAD_CONCURRENCY,
    downloadMaxBytes: settings.DOWNLOAD_MAX_BYTES,
    downloadFileTimeoutMs: settings.DOWNLOAD_FILE_TIMEOUT_MS,
    morphology: {
      maxBytes: settings.MORPHOLOGY_MAX_BYTES,
      maxNodes: settings.MORPHOLOGY_MAX_NODES,
      threads: settings.MORPHOLOGY_THREADS ?? defaultMorphologyThreads(),
    },
    cacheStore: settings.CACHE_STORE,
    cacheMaxEntries: settings.CACHE_MAX_ENTRIES,
    cacheMaxBytes: settings.CACHE_MAX_BYTES,
    cacheL1: { ttlMs: settings.CACHE_L1_TTL_MS, maxBytes: settings.CACHE_L1_MAX_BYTES },
    readyRequiresCache: settings.READY_REQUIRES_CACHE,
    responseCache: {
      enabled: settings.RESPONSE_CACHE === 'on' && settings.CACHE_STORE !== 'off',
      ttlMs: settings.RESPONSE_CACHE_TTL_MS,
    },
    cacheTtls: {
      recordMs: settings.CACHE_TTL_RECORD_MS,
      searchMs: settings.CACHE_TTL_SEARCH_MS,
      fieldsMs: settings.CACHE_TTL_FIELDS_MS,
      notFoundMs: settings.CACHE_TTL_NOT_FOUND_MS,
      staleMs: settings.CACHE_STALE_MS,
    },
    logLevel: settings.LOG_LEVEL,
    limits: {
      maxDepth: settings.MAX_DEPTH,
      maxBreadth: settings.MAX_BREADTH,
      maxComplexity: settings.MAX_COMPLEXITY,
      maxAliases: settings.MAX_ALIASES,
      maxTokens: settings.MAX_TOKENS,
      maxDirectives: settings.MAX_DIRECTIVES,
      maxFragmentSpreads: settings.MAX_FRAGMENT_SPREADS,
      maxUpstreamRequests: settings.MAX_UPSTREAM_REQUESTS_PER_REQUEST,
    },
    maxBodyBytes: settings.MAX_BODY_BYTES,
    maxBatchOperations: settings.MAX_BATCH_OPERATIONS,
    rateLimit:
      rateLimitRps === 0
        ? null
        : { perSecond: rateLimitRps, burst: settings.RATE_LIMIT_BURST ?? rateLimitRps * 2 },
    trustProxy: settings.TRUST_PROXY,
    allowedHosts: settings.ALLOWED_HOSTS,
    corsOrigins: settings.CORS_ORIGINS,
    exposePaths: settings.EXPOSE_PATHS,
    connections: {
      maxConnections: settings.MAX_CONNECTIONS,
      // Behind a trusted proxy every connection comes from the proxy: it caps clients itself (nginx.conf).
      maxConnectionsPerAddress:
        settings.MAX_CONNECTIONS_PER_ADDRESS ?? (loopback || settings.TRUST_PROXY ? 0 : 256),
      headersTimeoutMs: settings.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: settings.REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: settings.KEEP_ALIVE_TIMEOUT_MS,
    },
    persistedOperationsFile: settings.PERSISTED_OPERATIONS_FILE,
    introspection: settings.INTROSPECTION,
    shutdownGraceMs: settings.SHUTDOWN_GRACE_MS,
    datasets: { maxNeurons: settings.DATASET_MAX_NEURONS },
  };
}

/** Parses the whole configuration, reporting every problem at once. */
export function loadConfig(env: Record<string, string | undefined>, argv: readonly string[] = []): Config {
  const result = CONFIG_SCHEMA.safeParse(configSource(env, argv));
  if (!result.success) throw new ConfigError(problemsOf(result.error));
  return toConfig(result.data, env);
}

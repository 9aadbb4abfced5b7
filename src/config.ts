import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CACHE_MAX_BYTES } from './cache/keyv-factory.js';
import { type CacheTtls, DEFAULT_CACHE_TTLS } from './cache/ttl.js';
import { ConfigReader } from './config-reader.js';
import { DEFAULT_DOWNLOAD_FILE_TIMEOUT_MS, DEFAULT_DOWNLOAD_MAX_BYTES } from './disk/fetch-file.js';
import { createSiteUrls } from './neuromorpho/site-urls.js';
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
  /** NeuroMorpho site base; the API is `{base}/api`. @default 'https://neuromorpho.org' */
  neuromorphoUrl: string;
  /** Root of the on-disk neuron cache; null disables it. @default $XDG_CACHE_HOME/neuromorpho-gateway */
  cacheDir: string | null;
  /** Deadline for one upstream attempt. @default 30000 */
  upstreamTimeoutMs: number;
  /** Largest JSON answer accepted from NeuroMorpho (UPSTREAM_TOO_LARGE above). @default 67108864 (64 MiB) */
  upstreamMaxJsonBytes: number;
  upstreamRetry: RetryPolicyOptions;
  /**
   * TLS relaxations for a NeuroMorpho whose certificate or key exchange fails Node's checks (it served
   * a too-small DH key for about a year): a cipher list (e.g. 'HIGH:!DH:!aNULL') and, as a last resort,
   * skipping certificate verification. @default { ciphers: null, insecure: false }
   */
  upstreamTls: { ciphers: string | null; insecure: boolean };
  /** What the gateway may ask of NeuroMorpho, across all clients. */
  upstreamBudget: UpstreamBudgetOptions;
  /** Bearer token that write operations must present; null means none is set. */
  adminToken: string | null;
  /** Let anyone write while listening on a non-loopback address without a token. @default false */
  allowAnonymousWrites: boolean;
  /** Neurons downloaded at once. @default 4 */
  downloadConcurrency: number;
  /** Largest file a download accepts (UPSTREAM_TOO_LARGE above). @default 1073741824 (1 GiB) */
  downloadMaxBytes: number;
  /** Total time for one file of a download, retries included (UPSTREAM_TIMEOUT after). @default 600000 */
  downloadFileTimeoutMs: number;
  /** Response cache store: 'memory', 'off' or a redis:// URL. @default 'memory' */
  cacheStore: string;
  /** Entries the memory store keeps. @default 50000 */
  cacheMaxEntries: number;
  /** Bytes (of JSON) the memory store keeps. @default 268435456 (256 MiB) */
  cacheMaxBytes: number;
  /** Whether /readyz needs the configured Redis to answer (false: NeuroMorpho answering is enough). @default false */
  readyRequiresCache: boolean;
  cacheTtls: CacheTtls;
  /** pino log level. @default 'info' */
  logLevel: string;
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
}

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Variables the gateway reads; each also has a `--kebab-case` flag (`--neuromorpho-url`). */
export const CONFIG_VARIABLES = [
  'HOST',
  'PORT',
  'NEUROMORPHO_URL',
  'CACHE_DIR',
  'UPSTREAM_TIMEOUT_MS',
  'UPSTREAM_MAX_JSON_BYTES',
  'UPSTREAM_RETRIES',
  'UPSTREAM_BACKOFF_MS',
  'UPSTREAM_TLS_CIPHERS',
  'UPSTREAM_TLS_INSECURE',
  'UPSTREAM_MAX_RPS',
  'UPSTREAM_MAX_CONCURRENCY',
  'UPSTREAM_MAX_QUEUE',
  'UPSTREAM_QUEUE_TIMEOUT_MS',
  'ADMIN_TOKEN',
  'ALLOW_ANONYMOUS_WRITES',
  'DOWNLOAD_CONCURRENCY',
  'DOWNLOAD_MAX_BYTES',
  'DOWNLOAD_FILE_TIMEOUT_MS',
  'CACHE_STORE',
  'CACHE_MAX_ENTRIES',
  'CACHE_MAX_BYTES',
  'READY_REQUIRES_CACHE',
  'CACHE_TTL_RECORD_MS',
  'CACHE_TTL_SEARCH_MS',
  'CACHE_TTL_FIELDS_MS',
  'CACHE_TTL_NOT_FOUND_MS',
  'CACHE_STALE_MS',
  'LOG_LEVEL',
  'MAX_DEPTH',
  'MAX_BREADTH',
  'MAX_COMPLEXITY',
  'MAX_ALIASES',
  'MAX_TOKENS',
  'MAX_DIRECTIVES',
  'MAX_FRAGMENT_SPREADS',
  'MAX_UPSTREAM_REQUESTS_PER_REQUEST',
  'MAX_BODY_BYTES',
  'MAX_BATCH_OPERATIONS',
  'RATE_LIMIT_RPS',
  'RATE_LIMIT_BURST',
  'TRUST_PROXY',
  'ALLOWED_HOSTS',
  'CORS_ORIGINS',
  'EXPOSE_PATHS',
  'MAX_CONNECTIONS',
  'MAX_CONNECTIONS_PER_ADDRESS',
  'HEADERS_TIMEOUT_MS',
  'REQUEST_TIMEOUT_MS',
  'KEEP_ALIVE_TIMEOUT_MS',
  'PERSISTED_OPERATIONS_FILE',
  'INTROSPECTION',
  'SHUTDOWN_GRACE_MS',
] as const;

type Variable = (typeof CONFIG_VARIABLES)[number];
type Source = Partial<Record<Variable, string>>;

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

const DAY_MS = 86_400_000;

/** A comma-separated setting as its trimmed, non-empty entries. */
function listOf(raw: string | undefined): string[] | undefined {
  return raw
    ?.split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses the whole configuration, reporting every problem at once. */
export function loadConfig(env: Record<string, string | undefined>, argv: readonly string[] = []): Config {
  const read = new ConfigReader(configSource(env, argv));

  const neuromorphoUrl = read.string('NEUROMORPHO_URL', 'https://neuromorpho.org');
  try {
    createSiteUrls(neuromorphoUrl);
  } catch (error) {
    read.check(false, `NEUROMORPHO_URL: ${(error as Error).message}`);
  }

  const host = read.string('HOST', '127.0.0.1');
  read.check(/^[A-Za-z0-9.:[\]-]+$/.test(host), `HOST is not a host name or address (got "${host}")`);

  const cacheDirRaw = read.raw('CACHE_DIR');
  const cacheDir = cacheDirRaw === 'off' ? null : (cacheDirRaw ?? defaultCacheDir(env));

  const upstreamRetry: RetryPolicyOptions = {
    ...DEFAULT_RETRY_POLICY,
    attempts: read.integer('UPSTREAM_RETRIES', DEFAULT_RETRY_POLICY.attempts, 1, 20),
    baseMs: read.integer('UPSTREAM_BACKOFF_MS', DEFAULT_RETRY_POLICY.baseMs, 0, 60_000),
  };
  for (const problem of validateRetryPolicy(upstreamRetry)) read.check(false, problem);

  const adminToken = read.raw('ADMIN_TOKEN') ?? null;
  read.check(
    adminToken === null || adminToken.length >= 16,
    'ADMIN_TOKEN must be at least 16 characters long',
  );
  const allowAnonymousWrites = read.boolean('ALLOW_ANONYMOUS_WRITES', false);
  read.check(
    isLoopbackHost(host) || adminToken !== null || allowAnonymousWrites,
    `HOST ${host} is reachable from other machines: set ADMIN_TOKEN so that downloads and cache changes need ` +
      'it, or ALLOW_ANONYMOUS_WRITES=true to let anyone write',
  );

  const cacheStore = read.string('CACHE_STORE', 'memory');
  read.check(
    ['memory', 'off'].includes(cacheStore) || /^rediss?:\/\/\S+$/.test(cacheStore),
    `CACHE_STORE must be memory, off or a redis://host:port URL (got "${cacheStore}")`,
  );

  // On loopback every client is this machine and a limit would protect nothing: off unless asked for.
  const rateLimitRps = read.integer('RATE_LIMIT_RPS', isLoopbackHost(host) ? 0 : 20, 0, 1_000_000);
  const trustProxy = read.boolean('TRUST_PROXY', false);
  const allowedHosts = listOf(read.raw('ALLOWED_HOSTS')) ?? [];
  for (const entry of allowedHosts) {
    read.check(
      parseHostPattern(entry) !== null,
      `ALLOWED_HOSTS: "${entry}" is not a host name, name:port or .domain`,
    );
  }
  const corsOrigins = listOf(read.raw('CORS_ORIGINS')) ?? DEFAULT_CORS_ORIGINS;
  for (const problem of corsOriginProblems(corsOrigins)) read.check(false, problem);
  const connections: ConnectionLimits = {
    maxConnections: read.integer('MAX_CONNECTIONS', 4096, 1, 1_000_000),
    // Behind a trusted proxy every connection comes from the proxy: it caps clients itself (nginx.conf).
    maxConnectionsPerAddress: read.integer(
      'MAX_CONNECTIONS_PER_ADDRESS',
      isLoopbackHost(host) || trustProxy ? 0 : 256,
      0,
      1_000_000,
    ),
    headersTimeoutMs: read.integer('HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
    requestTimeoutMs: read.integer('REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    keepAliveTimeoutMs: read.integer('KEEP_ALIVE_TIMEOUT_MS', 5_000, 1, 600_000),
  };
  read.check(
    connections.headersTimeoutMs <= connections.requestTimeoutMs,
    'HEADERS_TIMEOUT_MS must not be longer than REQUEST_TIMEOUT_MS (headers are part of the request)',
  );
  const persistedOperationsFile = read.raw('PERSISTED_OPERATIONS_FILE') ?? null;

  const config: Config = {
    host,
    port: read.integer('PORT', 4000, 0, 65_535),
    neuromorphoUrl,
    cacheDir,
    upstreamTimeoutMs: read.integer('UPSTREAM_TIMEOUT_MS', 30_000, 1, 600_000),
    upstreamMaxJsonBytes: read.integer('UPSTREAM_MAX_JSON_BYTES', DEFAULT_MAX_JSON_BYTES, 1024, 2 ** 31),
    upstreamRetry,
    upstreamTls: {
      ciphers: read.raw('UPSTREAM_TLS_CIPHERS') ?? null,
      insecure: read.boolean('UPSTREAM_TLS_INSECURE', false),
    },
    upstreamBudget: {
      // NeuroMorpho copes with about 5 requests per second (API spec §9).
      maxPerSecond: read.integer('UPSTREAM_MAX_RPS', 5, 1, 100_000),
      maxConcurrency: read.integer('UPSTREAM_MAX_CONCURRENCY', 4, 1, 1000),
      maxQueue: read.integer('UPSTREAM_MAX_QUEUE', 1000, 0, 1_000_000),
      queueTimeoutMs: read.integer('UPSTREAM_QUEUE_TIMEOUT_MS', 30_000, 1, 600_000),
    },
    adminToken,
    allowAnonymousWrites,
    downloadConcurrency: read.integer('DOWNLOAD_CONCURRENCY', 4, 1, 64),
    downloadMaxBytes: read.integer('DOWNLOAD_MAX_BYTES', DEFAULT_DOWNLOAD_MAX_BYTES, 1, 2 ** 50),
    downloadFileTimeoutMs: read.integer(
      'DOWNLOAD_FILE_TIMEOUT_MS',
      DEFAULT_DOWNLOAD_FILE_TIMEOUT_MS,
      1,
      7 * DAY_MS,
    ),
    cacheStore,
    cacheMaxEntries: read.integer('CACHE_MAX_ENTRIES', 50_000, 1, 10_000_000),
    cacheMaxBytes: read.integer('CACHE_MAX_BYTES', DEFAULT_CACHE_MAX_BYTES, 1024, 2 ** 50),
    readyRequiresCache: read.boolean('READY_REQUIRES_CACHE', false),
    cacheTtls: {
      recordMs: read.integer('CACHE_TTL_RECORD_MS', DEFAULT_CACHE_TTLS.recordMs, 1, 365 * DAY_MS),
      searchMs: read.integer('CACHE_TTL_SEARCH_MS', DEFAULT_CACHE_TTLS.searchMs, 1, 365 * DAY_MS),
      fieldsMs: read.integer('CACHE_TTL_FIELDS_MS', DEFAULT_CACHE_TTLS.fieldsMs, 1, 365 * DAY_MS),
      notFoundMs: read.integer('CACHE_TTL_NOT_FOUND_MS', DEFAULT_CACHE_TTLS.notFoundMs, 1, 365 * DAY_MS),
      staleMs: read.integer('CACHE_STALE_MS', DEFAULT_CACHE_TTLS.staleMs, 0, 365 * DAY_MS),
    },
    logLevel: read.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    limits: {
      maxDepth: read.integer('MAX_DEPTH', DEFAULT_QUERY_LIMITS.maxDepth, 1, 1000),
      maxBreadth: read.integer('MAX_BREADTH', DEFAULT_QUERY_LIMITS.maxBreadth, 1, 1_000_000),
      maxComplexity: read.integer('MAX_COMPLEXITY', DEFAULT_QUERY_LIMITS.maxComplexity, 1, 100_000_000),
      maxAliases: read.integer('MAX_ALIASES', DEFAULT_QUERY_LIMITS.maxAliases, 0, 100_000),
      maxTokens: read.integer('MAX_TOKENS', DEFAULT_QUERY_LIMITS.maxTokens, 10, 10_000_000),
      maxDirectives: read.integer('MAX_DIRECTIVES', DEFAULT_QUERY_LIMITS.maxDirectives, 0, 100_000),
      maxFragmentSpreads: read.integer(
        'MAX_FRAGMENT_SPREADS',
        DEFAULT_QUERY_LIMITS.maxFragmentSpreads,
        0,
        1_000_000_000,
      ),
      maxUpstreamRequests: read.integer(
        'MAX_UPSTREAM_REQUESTS_PER_REQUEST',
        DEFAULT_QUERY_LIMITS.maxUpstreamRequests,
        1,
        1_000_000,
      ),
    },
    maxBodyBytes: read.integer('MAX_BODY_BYTES', 1_048_576, 1024, 1_073_741_824),
    maxBatchOperations: read.integer('MAX_BATCH_OPERATIONS', 10, 1, 1000),
    rateLimit:
      rateLimitRps === 0
        ? null
        : {
            perSecond: rateLimitRps,
            burst: read.integer('RATE_LIMIT_BURST', rateLimitRps * 2, 1, 10_000_000),
          },
    trustProxy,
    allowedHosts,
    corsOrigins,
    exposePaths: read.oneOf('EXPOSE_PATHS', 'writers', ['writers', 'all', 'none'] as const),
    connections,
    persistedOperationsFile,
    introspection: read.boolean('INTROSPECTION', true),
    shutdownGraceMs: read.integer('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

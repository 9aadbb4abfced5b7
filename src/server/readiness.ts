import { type Dispatcher, request } from 'undici';
import type { ResponseStore } from '../cache/response-store.js';
import type { SiteUrls } from '../neuromorpho/types.js';

export interface ReadinessReport {
  ready: boolean;
  upstream: 'up' | 'down';
  cache: 'warm' | 'cold' | 'off';
  redis?: 'up' | 'down';
}

export interface ReadinessOptions {
  site: SiteUrls;
  dispatcher: Dispatcher;
  store: ResponseStore;
  /** Whether the response cache holds answers it could serve. */
  cacheWarm: () => boolean;
  /** How long one upstream probe result is reused, so probes never add real load. @default 10000 */
  probeTtlMs?: number;
  /**
   * Whether a configured Redis must answer for the gateway to be ready. Off by default: the cache only
   * speeds answers up, so a gateway whose NeuroMorpho answers can serve without it. @default false
   */
  requiresCache?: boolean;
}

/**
 * /readyz: ready when NeuroMorpho answers its health check or the cache can answer instead (a Redis
 * cache only while Redis answers), and, with `requiresCache`, when the configured Redis answers.
 */
export function createReadiness(options: ReadinessOptions) {
  const probeTtlMs = options.probeTtlMs ?? 10_000;
  let last: { at: number; up: boolean } | undefined;

  async function upstreamUp(): Promise<boolean> {
    if (last && Date.now() - last.at < probeTtlMs) return last.up;
    let up = false;
    try {
      const response = await request(`${options.site.api}/health`, {
        dispatcher: options.dispatcher,
        signal: AbortSignal.timeout(2000),
        headers: { accept: 'application/json' },
      });
      const body = (await response.body.json().catch(() => null)) as { status?: unknown } | null;
      up = response.statusCode === 200 && body?.status === 'UP';
    } catch {
      up = false;
    }
    last = { at: Date.now(), up };
    return up;
  }

  return async function check(): Promise<ReadinessReport> {
    const [upstream, redis] = await Promise.all([
      upstreamUp(),
      options.store.kind === 'redis' ? options.store.ping() : Promise.resolve(undefined),
    ]);
    const cache = options.store.kind === 'off' ? 'off' : options.cacheWarm() ? 'warm' : 'cold';
    const cacheCanAnswer = cache === 'warm' && redis !== false;
    const report: ReadinessReport = {
      ready: (upstream || cacheCanAnswer) && (options.requiresCache !== true || redis !== false),
      upstream: upstream ? 'up' : 'down',
      cache,
      ...(redis === undefined ? {} : { redis: redis ? 'up' : 'down' }),
    };
    return report;
  };
}

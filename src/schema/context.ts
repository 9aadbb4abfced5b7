import type { DatasetService } from '../datasets/types.js';
import type { DiskCache } from '../disk/disk-cache.js';
import type { RequestLoaders } from '../loaders/request-loaders.js';
import type { SiteUrls } from '../neuromorpho/types.js';
import type { NeuroMorphoClient } from '../upstream/client-types.js';

/** What every resolver gets; built fresh per request by src/server/request-context.ts. */
export interface GatewayContext {
  client: NeuroMorphoClient;
  site: SiteUrls;
  /** The on-disk neuron cache; when it is disabled, writes and listings answer CACHE_NOT_CONFIGURED. */
  diskCache: DiskCache;
  loaders: RequestLoaders;
  /** Dataset jobs (createDataset and friends). */
  datasets: DatasetService;
  /** CACHE_DIR, null when the cache is disabled; shown only where showPaths allows. */
  cacheRoot: string | null;
  /** Whose request this is (the rate limiter's key), for the upstream budget's fair queue. */
  clientKey: string;
  /** NeuroMorpho's field names, fetched at most once per request. */
  fieldNames(): Promise<string[]>;
  /** Throws UNAUTHENTICATED or FORBIDDEN unless this request may change the cache. */
  authorizeWrite(): void;
  /** Whether this caller sees absolute paths on the gateway machine (EXPOSE_PATHS). */
  showPaths: boolean;
  /** This gateway's own origin as the client reached it, for links to cached files. */
  origin: string;
  /** Set when some answer came from an expired cache entry because NeuroMorpho failed. */
  freshness: { stale: boolean };
}

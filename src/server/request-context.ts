import type { DatasetService } from '../datasets/types.js';
import type { DiskCache } from '../disk/disk-cache.js';
import { createRequestLoaders } from '../loaders/request-loaders.js';
import type { SiteUrls } from '../neuromorpho/types.js';
import type { GatewayContext } from '../schema/context.js';
import { bindCallOptions } from '../upstream/bind-call-options.js';
import type { NeuroMorphoClient } from '../upstream/client-types.js';
import type { CallerAccess } from './caller-access.js';
import { checkWriteAccess, type WriteAccessPolicy } from './write-access.js';

export interface ContextDependencies {
  client: NeuroMorphoClient;
  site: SiteUrls;
  diskCache: DiskCache;
  datasets: DatasetService;
  /** CACHE_DIR; null when the cache is disabled. */
  cacheRoot: string | null;
  writeAccess: WriteAccessPolicy;
  /** The caller's access, judged once per request (shared with the response cache's audience). */
  callerAccess: (request: Request) => CallerAccess;
  onLoaderBatch?: (loader: 'neuron' | 'measurement', size: number) => void;
}

/** Builds a fresh context (and fresh loaders) for every GraphQL operation. */
export function createContextFactory(
  deps: ContextDependencies,
): (initial: { request: Request; requestId?: string; clientKey?: string }) => GatewayContext {
  return ({ request, requestId, clientKey }) => {
    let fieldNames: Promise<string[]> | undefined;
    const freshness = { stale: false };
    const client = bindCallOptions(deps.client, {
      // NeuroMorpho's logs (and ours) can then tie its requests to the client request that caused them.
      ...(requestId ? { headers: { 'x-request-id': requestId } } : {}),
      // The upstream budget serves clients in turn, so one client's backlog cannot hold up another's.
      ...(clientKey ? { clientKey } : {}),
      onStale: () => {
        freshness.stale = true;
      },
    });
    const access = deps.callerAccess(request);
    return {
      client,
      site: deps.site,
      diskCache: deps.diskCache,
      loaders: createRequestLoaders(client, deps.diskCache, deps.onLoaderBatch),
      datasets: deps.datasets,
      cacheRoot: deps.cacheRoot,
      clientKey: clientKey ?? 'anonymous',
      fieldNames() {
        fieldNames ??= client.getFieldNames();
        return fieldNames;
      },
      authorizeWrite: () => checkWriteAccess(deps.writeAccess, request),
      // Whoever may change the cache may know where it is; a page that can only read may not.
      showPaths: access.showPaths,
      origin: access.origin,
      freshness,
    };
  };
}

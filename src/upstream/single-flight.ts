import type { RequestOptions, UpstreamHttp } from './http.js';

/**
 * Shares one upstream GET between every caller asking for the same URL while it is in flight, so N
 * concurrent GraphQL requests for the same data cost NeuroMorpho one request (file streams are not
 * shared: downloads are deduplicated per neuron instead). A caller's abort
 * signal is not forwarded to the shared request: one impatient caller must not fail the others.
 */
export function withSingleFlight(http: UpstreamHttp): UpstreamHttp & { inFlight(): number } {
  const pending = new Map<string, Promise<unknown>>();
  return {
    getJson(url: string, options?: RequestOptions) {
      const existing = pending.get(url);
      if (existing) return existing;
      const { signal: _ignored, ...shared } = options ?? {};
      const request = http.getJson(url, shared).finally(() => pending.delete(url));
      pending.set(url, request);
      return request;
    },
    openStream: (url, options) => http.openStream(url, options),
    inFlight: () => pending.size,
  };
}

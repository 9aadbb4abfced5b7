import type { Registry } from 'prom-client';
import type { FrontPlugin } from './server-context.js';

/** `GET /metrics`: the Prometheus text of the gateway's own registry. */
export function useMetricsEndpoint(registry: Registry): FrontPlugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics') return;
      const text = await registry.metrics();
      endResponse(new fetchAPI.Response(text, { headers: { 'content-type': registry.contentType } }));
    },
  };
}

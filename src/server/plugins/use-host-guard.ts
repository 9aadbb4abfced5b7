import type { HostTrust } from '../host-trust.js';
import { publicHost, publicOrigin } from '../public-origin.js';
import { refusal } from './json-answer.js';
import type { FrontPlugin } from './server-context.js';

/**
 * In front of every route: refuses a missing or malformed Host (400 BAD_HOST) and, on loopback or with
 * ALLOWED_HOSTS set, any host that is not the gateway's (403 HOST_NOT_ALLOWED). A page whose DNS name
 * was re-pointed at this machine reaches the gateway under that name: it may neither read nor write,
 * as dev servers (Vite, webpack) refuse such requests too. Behind a trusted proxy the request yoga sees
 * carries the host and protocol the proxy set, so links and write checks use the public origin.
 */
export function useHostGuard(hosts: HostTrust, trustProxy: boolean): FrontPlugin {
  return {
    onRequest({ request, url, setRequest, endResponse, fetchAPI }) {
      const host = publicHost(request.headers, trustProxy);
      if (host === null) {
        endResponse(refusal(fetchAPI, 400, 'the Host header is missing or malformed', 'BAD_HOST'));
        return;
      }
      if (hosts.guardsEveryRequest && !hosts.isTrustedHost(host)) {
        const message = `this gateway is not served as ${host.slice(0, 100)}; add it to ALLOWED_HOSTS if it should be`;
        endResponse(refusal(fetchAPI, 403, message, 'HOST_NOT_ALLOWED'));
        return;
      }
      const origin = publicOrigin(request.headers, host, trustProxy);
      if (origin === url.origin) return;
      // A streamed body needs `duplex: 'half'` (the fetch spec); the RequestInit type does not know it yet.
      const init: RequestInit & { duplex: 'half' } = {
        method: request.method,
        headers: request.headers,
        signal: request.signal,
        body: request.body,
        duplex: 'half',
      };
      setRequest(new fetchAPI.Request(`${origin}${url.pathname}${url.search}`, init));
    },
  };
}

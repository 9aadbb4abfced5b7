import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerAdapterPlugin } from '@whatwg-node/server';

/**
 * What the HTTP front knows about one request. The front's plugins fill it in; yoga hands it on to
 * the GraphQL context (request id, client key).
 */
export interface GatewayServerContext {
  /** The Node request and response; absent only when a plugin is driven through `fetch`. */
  req?: IncomingMessage;
  res?: ServerResponse;
  /** Set by useRequestId: the caller's own id when it is sane, else a fresh one. */
  requestId?: string;
  /** Set by useRateLimit: who the request counts against; the upstream budget queues by it too. */
  clientKey?: string;
}

/** A plugin of the HTTP front (whatwg-node's server adapter, the one yoga is built on). */
export type FrontPlugin = ServerAdapterPlugin<GatewayServerContext>;

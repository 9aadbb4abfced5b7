import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { applyConnectionLimits, type ConnectionLimits, serverTimeoutOptions } from './connection-limits.js';

export interface GatewayServer {
  server: Server;
  /**
   * Stops accepting connections, closes idle keep-alive ones at once and every busy one as soon as its
   * answer is sent; resolves when none is left. Requests still running are never cut here.
   */
  drain(): Promise<void>;
}

/**
 * The node:http server with the connection caps and timeouts of `limits`. Without them Node keeps a
 * connection that sends nothing for its 300 s request timeout and accepts as many as the file
 * descriptor limit allows, so one client could hold them all.
 */
export function createGatewayServer(
  listener: (request: IncomingMessage, response: ServerResponse) => void,
  limits: ConnectionLimits,
  onRefused?: (address: string) => void,
): GatewayServer {
  const open = new Set<ServerResponse>();
  let draining = false;
  const server = createServer(serverTimeoutOptions(limits), (request, response) => {
    open.add(response);
    response.once('close', () => open.delete(response));
    if (draining) closeAfter(response);
    listener(request, response);
  });
  applyConnectionLimits(server, limits, onRefused);

  /** Idle keep-alive connections would otherwise hold the close until their keep-alive timeout. */
  function closeAfter(response: ServerResponse): void {
    if (!response.headersSent) response.setHeader('connection', 'close');
    response.once('finish', () => setImmediate(() => server.closeIdleConnections()));
  }

  return {
    server,
    drain() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const response of open) closeAfter(response);
      server.closeIdleConnections();
      return closed;
    },
  };
}

import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Connections open at once in all; more are closed as they arrive. */
  maxConnections: number;
  /** Connections one client address may hold open; 0 for no per-address cap. */
  maxConnectionsPerAddress: number;
  /** Longest time a client may take to send a request's headers (idle new connections included). */
  headersTimeoutMs: number;
  /** Longest time a client may take to send a whole request, body included (not the answer's time). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open after its last answer. */
  keepAliveTimeoutMs: number;
}

/** How often node:http looks for requests past their timeouts; its default (30 s) would blur them. */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/** The node:http server options that carry the timeouts (they are fixed when the server is created). */
export function serverTimeoutOptions(limits: ConnectionLimits) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  };
}

/**
 * Caps connections in all and per client address, so that one client holding thousands of idle
 * sockets shuts out only itself, and closes a connection whose first request has not arrived within
 * the headers timeout (Node times out requests that have begun, not connections that never send a
 * byte). Node has the global cap (server.maxConnections) but no per-address one, and no maintained
 * package adds these to a plain node:http server, hence these few lines.
 */
export function applyConnectionLimits(
  server: Server,
  limits: Pick<ConnectionLimits, 'maxConnections' | 'maxConnectionsPerAddress' | 'headersTimeoutMs'>,
  onRefused: (address: string) => void = () => {},
): void {
  server.maxConnections = limits.maxConnections;
  const openByAddress = new Map<string, number>();
  const awaitingFirstRequest = new Map<Socket, NodeJS.Timeout>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const open = openByAddress.get(address) ?? 0;
    if (limits.maxConnectionsPerAddress > 0 && open >= limits.maxConnectionsPerAddress) {
      onRefused(address);
      socket.destroy();
      return;
    }
    openByAddress.set(address, open + 1);
    const silent = setTimeout(() => socket.destroy(), limits.headersTimeoutMs);
    silent.unref();
    awaitingFirstRequest.set(socket, silent);
    socket.once('close', () => {
      clearTimeout(awaitingFirstRequest.get(socket));
      awaitingFirstRequest.delete(socket);
      const left = (openByAddress.get(address) ?? 1) - 1;
      if (left === 0) openByAddress.delete(address);
      else openByAddress.set(address, left);
    });
  });
  server.on('request', (request: IncomingMessage) => {
    const silent = awaitingFirstRequest.get(request.socket);
    if (silent === undefined) return;
    clearTimeout(silent);
    awaitingFirstRequest.delete(request.socket);
  });
}

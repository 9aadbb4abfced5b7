import { Agent, type Dispatcher } from 'undici';

export interface DispatcherOptions {
  /** Time to establish a connection (TCP + TLS); createUpstream gives min(10000, timeoutMs). */
  connectTimeoutMs: number;
  /** Time to wait for response headers, and between body chunks (UPSTREAM_TIMEOUT_MS). */
  timeoutMs: number;
  /** Idle keep-alive sockets are closed after this long; createUpstream gives 10000. */
  keepAliveTimeoutMs: number;
  /**
   * Sockets per origin. NeuroMorpho asks clients to go easy on it, so keep this small: createUpstream
   * gives UPSTREAM_MAX_CONCURRENCY, as no more requests than that run at once.
   */
  connectionsPerOrigin: number;
  /**
   * TLS relaxations for operators whose NeuroMorpho connection fails the default checks
   * (NeuroMorpho served a too-small DH key for a year), set by UPSTREAM_TLS_CIPHERS and
   * UPSTREAM_TLS_INSECURE.
   */
  tls?: { ciphers?: string; rejectUnauthorized?: boolean };
}

/** One keep-alive agent for every upstream request; closing it is part of the client's close(). */
export function createUpstreamDispatcher(options: DispatcherOptions): Dispatcher {
  return new Agent({
    connections: options.connectionsPerOrigin,
    keepAliveTimeout: options.keepAliveTimeoutMs,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: {
      timeout: options.connectTimeoutMs,
      ...(options.tls?.ciphers ? { ciphers: options.tls.ciphers } : {}),
      ...(options.tls?.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
    },
  });
}

import { createHash } from 'node:crypto';
import { bearerToken, isAdminToken } from './admin-token.js';
import { lastHop } from './public-origin.js';

export interface ClientKeyOptions {
  /** TRUST_PROXY: the client is the last X-Forwarded-For entry, the one the proxy itself added. */
  trustProxy: boolean;
  adminToken: string | null;
}

/**
 * Who a request counts against for rate limiting: the admin token when the request presents the real
 * one (hashed, never kept), else the client address, so that inventing tokens buys no fresh buckets.
 * Behind a trusted proxy the address is the last X-Forwarded-For entry, which a client cannot forge.
 */
export function clientKey(
  headers: Headers,
  remoteAddress: string | undefined,
  options: ClientKeyOptions,
): string {
  const token = bearerToken(headers.get('authorization'));
  if (token !== null && options.adminToken !== null && isAdminToken(token, options.adminToken)) {
    return `token:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`;
  }
  const nearest = options.trustProxy ? lastHop(headers.get('x-forwarded-for')) : undefined;
  return `ip:${nearest || remoteAddress || 'unknown'}`;
}

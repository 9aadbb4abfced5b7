import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerToken, isAdminToken } from './admin-token.js';

/**
 * Who a request counts against for rate limiting: the admin token when the request presents the real
 * one (hashed, never kept), else the client address, so that inventing tokens buys no fresh buckets.
 * Behind a trusted proxy (TRUST_PROXY) the address is the last X-Forwarded-For entry: the one the proxy
 * itself added, which a client cannot forge.
 */
export function clientKey(
  request: IncomingMessage,
  trustProxy: boolean,
  adminToken: string | null = null,
): string {
  const token = bearerToken(request.headers.authorization);
  if (token !== null && adminToken !== null && isAdminToken(token, adminToken)) {
    return `token:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`;
  }
  const forwarded = trustProxy ? request.headers['x-forwarded-for'] : undefined;
  const nearest = (Array.isArray(forwarded) ? forwarded.at(-1) : forwarded)?.split(',').at(-1)?.trim();
  return `ip:${nearest || request.socket.remoteAddress || 'unknown'}`;
}

import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who a request counts against for rate limiting: the bearer token when one is sent (hashed, never
 * kept), else the client address (from X-Forwarded-For only when the gateway is told to trust it).
 */
export function clientKey(request: IncomingMessage, trustProxy: boolean): string {
  const authorization = request.headers.authorization;
  const token = authorization ? /^Bearer\s+(\S+)/i.exec(authorization)?.[1] : undefined;
  if (token) return `token:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`;
  const forwarded = trustProxy ? request.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return `ip:${first || request.socket.remoteAddress || 'unknown'}`;
}

import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who a request counts against for rate limiting: the bearer token when one is sent (hashed, never
 * kept), else the client address. Behind a trusted proxy (TRUST_PROXY) that is the last
 * X-Forwarded-For entry: the one the proxy itself added, which a client cannot forge.
 */
export function clientKey(request: IncomingMessage, trustProxy: boolean): string {
  const authorization = request.headers.authorization;
  const token = authorization ? /^Bearer\s+(\S+)/i.exec(authorization)?.[1] : undefined;
  if (token) return `token:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`;
  const forwarded = trustProxy ? request.headers['x-forwarded-for'] : undefined;
  const nearest = (Array.isArray(forwarded) ? forwarded.at(-1) : forwarded)?.split(',').at(-1)?.trim();
  return `ip:${nearest || request.socket.remoteAddress || 'unknown'}`;
}

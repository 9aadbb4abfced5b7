import { ForbiddenError, type GatewayFailure, UnauthenticatedError } from '../errors.js';
import { bearerToken, isAdminToken } from './admin-token.js';
import type { HostTrust } from './host-trust.js';

export interface WriteAccessPolicy {
  adminToken: string | null;
  listensOnLoopback: boolean;
  allowAnonymousWrites: boolean;
  /** Which hosts and page origins count as this gateway's own (configuration and listening port only). */
  hosts: HostTrust;
}

/**
 * Why this request may not write (download, remove, clear), or null when it may. With ADMIN_TOKEN set, a
 * matching bearer token is required. Without it, writes are anonymous, but only when the request was
 * sent to a host name no page can re-point at this gateway (DNS rebinding) and no page on another
 * origin made it (CSRF). Both are judged against the configuration, never against an origin built from
 * the request's own headers.
 */
export function writeRefusal(
  policy: WriteAccessPolicy,
  request: Request,
  url: URL = new URL(request.url),
): GatewayFailure | null {
  if (policy.adminToken !== null) {
    const token = bearerToken(request.headers.get('authorization'));
    if (token === null)
      return new UnauthenticatedError('this operation needs Authorization: Bearer <ADMIN_TOKEN>');
    return isAdminToken(token, policy.adminToken) ? null : new ForbiddenError('wrong admin token');
  }
  if (!policy.listensOnLoopback && !policy.allowAnonymousWrites) {
    return new ForbiddenError('writes are disabled: the gateway is exposed and has no ADMIN_TOKEN');
  }
  const host = url.host;
  if (!policy.hosts.isTrustedHost(host)) {
    return new ForbiddenError(`requests to ${host.slice(0, 100)} may not change this gateway's cache`);
  }
  const origin = request.headers.get('origin');
  if (origin !== null && !policy.hosts.isOwnOrigin(origin)) {
    return new ForbiddenError(`a page on ${origin.slice(0, 100)} may not change this gateway's cache`);
  }
  return null;
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless this request may write. */
export function checkWriteAccess(policy: WriteAccessPolicy, request: Request): void {
  const refusal = writeRefusal(policy, request);
  if (refusal) throw refusal;
}

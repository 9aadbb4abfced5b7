import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

export interface WriteAccessPolicy {
  adminToken: string | null;
  listensOnLoopback: boolean;
  allowAnonymousWrites: boolean;
}

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the token.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The origin a browser would send for a page served by this gateway itself. */
function ownOrigin(request: Request): string {
  return new URL(request.url).origin;
}

/**
 * Decides whether this request may write (download, remove, clear). With ADMIN_TOKEN set, a matching
 * bearer token is required. Without it, writes are anonymous but only for requests that no other web
 * origin made: a page elsewhere cannot make a visitor's browser write through a local gateway (CSRF).
 */
export function checkWriteAccess(policy: WriteAccessPolicy, request: Request): void {
  const authorization = request.headers.get('authorization');
  if (policy.adminToken !== null) {
    const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
    if (!match) throw new UnauthenticatedError('this operation needs Authorization: Bearer <ADMIN_TOKEN>');
    if (!sameSecret(match[1] as string, policy.adminToken)) throw new ForbiddenError('wrong admin token');
    return;
  }
  if (!policy.listensOnLoopback && !policy.allowAnonymousWrites) {
    throw new ForbiddenError('writes are disabled: the gateway is exposed and has no ADMIN_TOKEN');
  }
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== ownOrigin(request)) {
    throw new ForbiddenError(`a page on ${origin.slice(0, 100)} may not change this gateway's cache`);
  }
}

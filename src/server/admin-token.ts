import { createHash, timingSafeEqual } from 'node:crypto';

/** The token of an `Authorization: Bearer <token>` header; null for any other shape. */
export function bearerToken(authorization: string | null | undefined): string | null {
  return (authorization && /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1]) || null;
}

/** Compares a presented token with ADMIN_TOKEN in constant time. */
export function isAdminToken(given: string, adminToken: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the token.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(adminToken));
}

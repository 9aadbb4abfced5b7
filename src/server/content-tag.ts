import { createHash } from 'node:crypto';

/**
 * A short name for some bytes, for ETags and content-hashed file names: 27 base64url characters of
 * their SHA-256 (162 bits), so two different contents never share one.
 */
export function contentTag(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 27);
}

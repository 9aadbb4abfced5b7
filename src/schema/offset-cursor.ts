import { BadUserInputError } from '../errors.js';

const PREFIX = 'nm-offset:';

/** Opaque connection cursor: the zero-based position of an item in the search result. */
export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString('base64url');
}

export function decodeOffsetCursor(cursor: string): number {
  const text = cursor.length <= 64 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const digits = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  const offset = /^\d{1,9}$/.test(digits) ? Number(digits) : Number.NaN;
  if (Number.isNaN(offset)) throw new BadUserInputError('invalid cursor', { argumentName: 'after' });
  return offset;
}

/**
 * Picks one upstream page size (>= wanted, <= max) whose page holds the whole range
 * [start, start + wanted); null when none does and two pages are needed.
 */
export function coveringPage(
  start: number,
  wanted: number,
  max: number,
): { page: number; size: number } | null {
  const last = start + wanted - 1;
  for (let size = Math.max(1, wanted); size <= max; size++) {
    if (Math.floor(start / size) === Math.floor(last / size)) return { page: Math.floor(start / size), size };
  }
  return null;
}

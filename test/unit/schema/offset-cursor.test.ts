import { describe, expect, it } from 'vitest';
import { coveringPage, decodeOffsetCursor, encodeOffsetCursor } from '../../../src/schema/offset-cursor.js';

describe('offset cursors', () => {
  it('round-trips offsets', () => {
    for (const offset of [0, 1, 19, 499, 123_456])
      expect(decodeOffsetCursor(encodeOffsetCursor(offset))).toBe(offset);
  });

  it.each(['', 'garbage', Buffer.from('nm-offset:-1').toString('base64url'), 'x'.repeat(200)])(
    'rejects %j with BAD_USER_INPUT',
    (cursor) => {
      expect(() => decodeOffsetCursor(cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    },
  );
});

describe('coveringPage', () => {
  it('uses the requested size when the range is aligned', () => {
    expect(coveringPage(40, 20, 500)).toEqual({ page: 2, size: 20 });
  });

  it('finds a larger page that holds an unaligned range', () => {
    const page = coveringPage(25, 20, 500);
    expect(page).not.toBeNull();
    const { page: index, size } = page as { page: number; size: number };
    expect(index * size).toBeLessThanOrEqual(25);
    expect((index + 1) * size).toBeGreaterThanOrEqual(45);
  });

  it('gives up when no page of at most max holds the range', () => {
    expect(coveringPage(499, 500, 500)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../src/server/file-route.js';

describe('parseRange', () => {
  it.each([
    [undefined, null],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=10-', { start: 10, end: 999 }],
    ['bytes=-10', { start: 990, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=1000-', 'invalid'],
    ['bytes=50-10', 'invalid'],
    ['bytes=-0', 'invalid'],
    ['bytes=-', 'invalid'],
    ['items=0-1', 'invalid'],
    ['bytes=0-1,5-6', null],
  ])('%s on 1000 bytes -> %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

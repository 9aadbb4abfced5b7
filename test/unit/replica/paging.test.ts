import { describe, expect, it } from 'vitest';
import { pageInfo, parsePaging, slicePage } from '../../../src/replica/query/paging.js';

const paging = (query: string) => parsePaging(new URLSearchParams(query));

describe('paging', () => {
  it('defaults to page 0, size 50', () => {
    expect(paging('')).toEqual({ page: 0, size: 50 });
  });

  it('clamps size to 500 and falls back for nonsense', () => {
    expect(paging('size=501')).toEqual({ page: 0, size: 500 });
    expect(paging('size=0&page=-2')).toEqual({ page: 0, size: 50 });
    expect(paging('size=abc&page=x')).toEqual({ page: 0, size: 50 });
    expect(paging('size=20&page=3')).toEqual({ page: 3, size: 20 });
  });

  it('writes page info in the recorded key order', () => {
    expect(pageInfo({ page: 0, size: 50 }, 151)).toBe(
      '{"size":50,"totalElements":151,"totalPages":4,"number":0}',
    );
    expect(pageInfo({ page: 2, size: 50 }, 0)).toBe(
      '{"size":50,"totalElements":0,"totalPages":0,"number":2}',
    );
  });

  it('slices pages, empty past the end', () => {
    expect(slicePage([1, 2, 3, 4, 5], { page: 1, size: 2 })).toEqual([3, 4]);
    expect(slicePage([1, 2, 3], { page: 5, size: 2 })).toEqual([]);
  });
});

/**
 * Spring Data paging as the real API behaves: `page` zero-based (negative or unparsable -> 0), `size`
 * default 50, at most 500 (documented); a larger size is clamped and `page.size` echoes the clamped
 * value (clamping vs rejecting is unrecorded; Spring clamps by default). Size < 1 falls back to 50.
 */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface Paging {
  page: number;
  size: number;
}

export function parsePaging(params: URLSearchParams): Paging {
  const page = parseInteger(params.get('page'));
  const size = parseInteger(params.get('size'));
  return {
    page: page === null || page < 0 ? 0 : page,
    size: size === null || size < 1 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE),
  };
}

export function slicePage<T>(items: readonly T[], { page, size }: Paging): T[] {
  return items.slice(page * size, page * size + size);
}

/** `page` in the recorded key order of select bodies: size, totalElements, totalPages, number. */
export function pageInfo({ page, size }: Paging, totalElements: number): string {
  const totalPages = Math.ceil(totalElements / size);
  return JSON.stringify({ size, totalElements, totalPages, number: page });
}

function parseInteger(value: string | null): number | null {
  if (value === null || !/^\s*[+-]?\d+\s*$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

import type { RawPayload } from '../neuromorpho/types.js';
import { UpstreamBadPayloadError } from './errors.js';

export function isObject(value: unknown): value is RawPayload {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, url: string): RawPayload {
  if (!isObject(value)) throw new UpstreamBadPayloadError(200, url, 'expected a JSON object');
  return value;
}

/** `_embedded[key]` of a HAL page; NeuroMorpho omits `_embedded` entirely when a page is empty. */
export function embeddedList(body: RawPayload, key: string, url: string): unknown[] {
  const embedded = body._embedded;
  if (embedded === undefined || embedded === null) return [];
  if (!isObject(embedded)) throw new UpstreamBadPayloadError(200, url, '_embedded is not an object');
  const list = embedded[key];
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new UpstreamBadPayloadError(200, url, `_embedded.${key} is not a list`);
  return list;
}

export interface PageInfo {
  number: number;
  size: number;
  totalPages: number;
  totalElements: number | null;
}

export function pageInfo(body: RawPayload): PageInfo {
  const page = isObject(body.page) ? body.page : {};
  const int = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return {
    number: int(page.number, 0),
    size: int(page.size, 0),
    totalPages: int(page.totalPages, 0),
    totalElements: typeof page.totalElements === 'number' ? page.totalElements : null,
  };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

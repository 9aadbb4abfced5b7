/** Every request the replica received, in arrival order, for tests that assert batching and retries. */
import type { IncomingMessage } from 'node:http';
import type { RequestLogEntry } from '../types.js';

export interface RequestLog {
  /** The live array (cleared in place, so references held by tests stay valid). */
  entries: RequestLogEntry[];
  record(req: IncomingMessage, path: string, url: string): RequestLogEntry;
  clear(): void;
  count(filter?: { pathPrefix?: string; method?: string }): number;
  stats(): LogStats;
}

export interface LogStats {
  total: number;
  /** Counts by path prefix: `/api/<anchor>/<endpoint>` (e.g. `/api/neuron/select`), `/dableFiles`, `/images`. */
  byPrefix: Record<string, number>;
  byStatus: Record<string, number>;
}

export function createRequestLog(): RequestLog {
  const entries: RequestLogEntry[] = [];
  return {
    entries,
    record(req, path, url) {
      const query: Record<string, string[]> = {};
      const search = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
      for (const [key, value] of new URLSearchParams(search)) query[key] = [...(query[key] ?? []), value];
      const headers: Record<string, string | undefined> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        headers[key] = Array.isArray(value) ? value.join(', ') : value;
      }
      const entry = { method: req.method ?? 'GET', path, url, query, status: 0, headers, at: Date.now() };
      entries.push(entry);
      return entry;
    },
    clear() {
      entries.length = 0;
    },
    count(filter = {}) {
      return entries.filter(
        (entry) =>
          (filter.pathPrefix === undefined || entry.path.startsWith(filter.pathPrefix)) &&
          (filter.method === undefined || entry.method === filter.method.toUpperCase()),
      ).length;
    },
    stats() {
      const byPrefix: Record<string, number> = {};
      const byStatus: Record<string, number> = {};
      for (const entry of entries) {
        const prefix = pathPrefix(entry.path);
        byPrefix[prefix] = (byPrefix[prefix] ?? 0) + 1;
        byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1;
      }
      return { total: entries.length, byPrefix, byStatus };
    },
  };
}

export function pathPrefix(path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments[0] === 'api') return `/${segments.slice(0, 3).join('/')}`;
  return segments.length === 0 ? '/' : `/${segments[0]}`;
}

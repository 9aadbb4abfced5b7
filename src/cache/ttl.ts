/** How long each kind of answer stays fresh, and how long an expired one is kept for stale-if-error. */
export interface CacheTtls {
  /** Neuron records and measurements change only at NeuroMorpho releases. @default 86400000 (1 day) */
  recordMs: number;
  /** Search pages and their totals. @default 600000 (10 min) */
  searchMs: number;
  /** Field names, values and counts. @default 3600000 (1 h) */
  fieldsMs: number;
  /** Remembered "not found" answers. @default 60000 (1 min) */
  notFoundMs: number;
  /** Kept after expiry, served only when NeuroMorpho fails. @default 604800000 (7 days) */
  staleMs: number;
}

export const DEFAULT_CACHE_TTLS: CacheTtls = Object.freeze({
  recordMs: 86_400_000,
  searchMs: 600_000,
  fieldsMs: 3_600_000,
  notFoundMs: 60_000,
  staleMs: 604_800_000,
});

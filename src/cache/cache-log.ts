import type { Logger } from '../logger.js';
import type { AvailabilityChange } from './store-breaker.js';

export interface CacheLogOptions {
  /** At most one warning about failed operations per this many ms; the rest are counted. @default 10000 */
  intervalMs?: number;
  now?: () => number;
}

export interface CacheLog {
  /** A failed operation or a corrupt entry: logged at most once per interval, with how many were not. */
  error(error: unknown, operation?: string): void;
  /** An outage began (one warning) or ended (one info line). */
  availability(change: AvailabilityChange): void;
}

/**
 * The response cache's log lines, bounded whatever happens to the store: one line per change of its
 * availability, and at most one line per interval for failures of single operations.
 */
export function createCacheLog(logger: Logger, options: CacheLogOptions = {}): CacheLog {
  const intervalMs = options.intervalMs ?? 10_000;
  const now = options.now ?? Date.now;
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return {
    error(error, operation = 'connection') {
      if (now() - lastLoggedAt < intervalMs) {
        suppressed++;
        return;
      }
      lastLoggedAt = now();
      logger.warn(
        { err: error, operation, ...(suppressed > 0 ? { suppressed } : {}) },
        'response cache operation failed, answering from NeuroMorpho',
      );
      suppressed = 0;
    },
    availability(change) {
      if (change.available) {
        logger.info('response cache available again');
      } else {
        logger.warn(
          { err: change.cause },
          'response cache unavailable, answering from NeuroMorpho and skipping the cache until it is back',
        );
      }
    },
  };
}

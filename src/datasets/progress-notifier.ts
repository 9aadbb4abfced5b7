import type { ProgressBus } from './types.js';

/** Publishes at most one progress event per dataset per `everyMs` (the last change always goes out). */
export function createProgressNotifier(bus: ProgressBus, everyMs = 200) {
  const timers = new Map<string, NodeJS.Timeout>();
  const late = new Set<string>();

  function publish(datasetId: string): void {
    void bus.publish(datasetId).catch(() => undefined);
    const timer = setTimeout(() => {
      timers.delete(datasetId);
      if (late.delete(datasetId)) publish(datasetId);
    }, everyMs);
    timer.unref();
    timers.set(datasetId, timer);
  }

  return {
    /** An item finished: told within `everyMs`. */
    progressed(datasetId: string): void {
      if (timers.has(datasetId)) late.add(datasetId);
      else publish(datasetId);
    },
    /** The status changed: told now. */
    statusChanged(datasetId: string): void {
      void bus.publish(datasetId).catch(() => undefined);
    },
    close(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      late.clear();
    },
  };
}

import type { ProgressBus } from '../types.js';

/**
 * The in-process ProgressBus: an EventTarget per process. A subscriber that is busy when publishes
 * arrive sees them as one (coalesced): it always reads the current state after waking, never a backlog.
 */
export function createMemoryBus(): ProgressBus {
  const target = new EventTarget();
  const closing = new AbortController();

  return {
    async publish(datasetId) {
      target.dispatchEvent(new Event(datasetId));
    },
    async *subscribe(datasetId, signal) {
      let pending = false;
      let wake: (() => void) | undefined;
      const onEvent = () => {
        pending = true;
        wake?.();
      };
      const onStop = () => wake?.();
      const stopped = () => signal.aborted || closing.signal.aborted;
      target.addEventListener(datasetId, onEvent);
      signal.addEventListener('abort', onStop);
      closing.signal.addEventListener('abort', onStop);
      try {
        while (!stopped()) {
          if (!pending) await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          if (stopped()) return;
          pending = false;
          yield;
        }
      } finally {
        target.removeEventListener(datasetId, onEvent);
        signal.removeEventListener('abort', onStop);
        closing.signal.removeEventListener('abort', onStop);
      }
    },
    async close() {
      closing.abort();
    },
  };
}

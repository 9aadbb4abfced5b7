export class CacheTimeoutError extends Error {
  readonly code = 'CACHE_TIMEOUT';
}

/**
 * `promise`, or a CacheTimeoutError once `ms` have passed and the event loop has since read what arrived.
 * A timer runs before the loop reads its sockets: on a busy gateway (a long turn, a slow collection) it
 * would fire while the store's answer already waits to be read, count a healthy store as slow, and send
 * the request to NeuroMorpho instead, more load at the worst moment. So the verdict waits for the next
 * check phase (setImmediate), which comes after that read.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
    };
    const timer = setTimeout(() => {
      setImmediate(() =>
        settle(() => reject(new CacheTimeoutError(`cache operation took longer than ${ms} ms`))),
      );
    }, ms);
    promise.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

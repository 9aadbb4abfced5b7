/**
 * Peak memory of this process while an operation runs: rss and arrayBuffers are sampled every few ms and
 * reported as growth over the values just before it (after a full GC, when one can be forced).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (() => void) | undefined;

export interface MemoryPeak {
  /** Peak rss growth over the start, bytes. */
  rssDelta: number;
  /** Peak arrayBuffers growth over the start, bytes (Buffers live here, not in the JS heap). */
  arrayBuffersDelta: number;
  /** Peak heapUsed growth over the start, bytes. */
  heapUsedDelta: number;
  samples: number;
}

export async function measurePeak<T>(
  operation: () => Promise<T>,
  intervalMs = 5,
): Promise<{ value: T; peak: MemoryPeak; ms: number }> {
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const before = process.memoryUsage();
  let rss = before.rss;
  let arrayBuffers = before.arrayBuffers;
  let heapUsed = before.heapUsed;
  let samples = 0;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    arrayBuffers = Math.max(arrayBuffers, now.arrayBuffers);
    heapUsed = Math.max(heapUsed, now.heapUsed);
    samples++;
  };
  const timer = setInterval(sample, intervalMs);
  const t0 = performance.now();
  try {
    const value = await operation();
    const ms = performance.now() - t0;
    sample();
    return {
      value,
      ms,
      peak: {
        rssDelta: rss - before.rss,
        arrayBuffersDelta: arrayBuffers - before.arrayBuffers,
        heapUsedDelta: heapUsed - before.heapUsed,
        samples,
      },
    };
  } finally {
    clearInterval(timer);
  }
}

import { availableParallelism } from 'node:os';

/** One thread per core but one, which stays with the event loop. */
export function defaultMorphologyThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

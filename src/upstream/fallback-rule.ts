import { UpstreamError, UpstreamNotFoundError } from './errors.js';

/**
 * Whether an answer kept earlier (an expired cache entry, a downloaded neuron's metadata.json) may stand
 * in for NeuroMorpho's: only when NeuroMorpho failed to answer (no response, a timeout, a 5xx, a full
 * budget queue, an unusable body). Its "not found" is an answer, and an older copy must not hide it.
 */
export function canFallBack(error: unknown): boolean {
  return error instanceof UpstreamError && !(error instanceof UpstreamNotFoundError);
}

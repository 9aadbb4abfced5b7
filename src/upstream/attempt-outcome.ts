import type { AttemptOutcome } from './retry-policy.js';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Classifies a thrown transport error: a timeout, or any other failure to get a whole answer. */
export function outcomeOfThrown(error: unknown, timedOut: boolean): AttemptOutcome {
  if (timedOut) return { kind: 'timeout' };
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return { kind: 'timeout' };
  return { kind: 'network' };
}

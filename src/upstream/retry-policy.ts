/**
 * The retry policy as one small pure object: which outcomes are retried and how long to wait.
 * No clock, no sleeping and no randomness of its own, so it is unit-tested without waiting.
 */

export interface RetryPolicyOptions {
  /** Attempts in all, including the first. Must be >= 1. @default 3 */
  attempts: number;
  /** Backoff base: the wait before retry n is `baseMs * 2 ** n` (capped) plus jitter. @default 500 */
  baseMs: number;
  /** Upper bound for any single wait, also for Retry-After. @default 30000 */
  capMs: number;
  /** Add a uniform jitter in [0, baseMs] to computed backoffs. @default true */
  jitter: boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicyOptions = Object.freeze({
  attempts: 3,
  baseMs: 500,
  capMs: 30_000,
  jitter: true,
});

/** What one attempt ended with, as far as retrying is concerned. */
export type AttemptOutcome =
  | { kind: 'status'; status: number; retryAfter?: string | null | undefined }
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'bad-payload' }
  /** The body was over the size limit (announced, or counted while reading). */
  | { kind: 'too-large'; limitBytes: number; announcedBytes: number | null };

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

export function validateRetryPolicy(options: RetryPolicyOptions): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(options.attempts) || options.attempts < 1) {
    problems.push(`retry attempts must be an integer >= 1 (got ${options.attempts})`);
  }
  if (!Number.isFinite(options.baseMs) || options.baseMs < 0) {
    problems.push(`retry backoff base must be a number of milliseconds >= 0 (got ${options.baseMs})`);
  }
  if (!Number.isFinite(options.capMs) || options.capMs < 0) {
    problems.push(`retry cap must be a number of milliseconds >= 0 (got ${options.capMs})`);
  }
  return problems;
}

/** 5xx and 429 are worth another try; every other status is an answer. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

export function isRetryableOutcome(outcome: AttemptOutcome): boolean {
  // The same request brings the same oversized body: another attempt only doubles the waste.
  if (outcome.kind === 'too-large') return false;
  return outcome.kind !== 'status' || isRetryableStatus(outcome.status);
}

/**
 * Parses a Retry-After header: delta-seconds or an HTTP date. Returns milliseconds from `nowMs`
 * (never negative), or null when absent or unparsable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return null;
  return Math.max(0, dateMs - nowMs);
}

export function backoffDelayMs(policy: RetryPolicyOptions, retryIndex: number, random: () => number): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** retryIndex);
  const jitter = policy.jitter ? random() * policy.baseMs : 0;
  return Math.min(policy.capMs, exponential + jitter);
}

/**
 * Decides after attempt number `attempt` (0-based) whether to try again and how long to wait first.
 * Retry-After, when the server sends one, replaces the computed backoff (up to the cap).
 */
export function decideRetry(
  policy: RetryPolicyOptions,
  attempt: number,
  outcome: AttemptOutcome,
  nowMs: number,
  random: () => number,
): RetryDecision {
  if (attempt + 1 >= policy.attempts || !isRetryableOutcome(outcome)) return { retry: false };
  const retryAfterMs = outcome.kind === 'status' ? parseRetryAfter(outcome.retryAfter, nowMs) : null;
  const delayMs =
    retryAfterMs === null ? backoffDelayMs(policy, attempt, random) : Math.min(policy.capMs, retryAfterMs);
  return { retry: true, delayMs };
}

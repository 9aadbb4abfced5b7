import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  decideRetry,
  parseRetryAfter,
  type RetryPolicyOptions,
  validateRetryPolicy,
} from '../../../src/upstream/retry-policy.js';

const policy: RetryPolicyOptions = { attempts: 4, baseMs: 500, capMs: 30_000, jitter: true };
const noJitter = () => 0;
const fullJitter = () => 0.999_999;
const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('retry policy', () => {
  it('retries network errors, timeouts, 5xx and 429 until attempts run out', () => {
    for (const outcome of [
      { kind: 'network' },
      { kind: 'timeout' },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 429 },
    ] as const) {
      expect(decideRetry(policy, 0, outcome, NOW, noJitter).retry).toBe(true);
      expect(decideRetry(policy, 2, outcome, NOW, noJitter).retry).toBe(true);
      expect(decideRetry(policy, 3, outcome, NOW, noJitter).retry).toBe(false);
    }
  });

  it('never retries other 4xx', () => {
    for (const status of [400, 401, 403, 404, 405, 422]) {
      expect(decideRetry(policy, 0, { kind: 'status', status }, NOW, noJitter)).toEqual({ retry: false });
    }
  });

  it('one attempt in all means no retry', () => {
    expect(decideRetry({ ...policy, attempts: 1 }, 0, { kind: 'network' }, NOW, noJitter)).toEqual({
      retry: false,
    });
  });

  it('backs off exponentially from the base, capped, plus jitter of at most the base', () => {
    expect(backoffDelayMs(policy, 0, noJitter)).toBe(500);
    expect(backoffDelayMs(policy, 1, noJitter)).toBe(1000);
    expect(backoffDelayMs(policy, 3, noJitter)).toBe(4000);
    expect(backoffDelayMs(policy, 1, fullJitter)).toBeCloseTo(1500, 0);
    expect(backoffDelayMs(policy, 20, fullJitter)).toBe(30_000);
    expect(backoffDelayMs({ ...policy, jitter: false }, 1, fullJitter)).toBe(1000);
  });

  it('honours Retry-After in seconds and as an HTTP date, up to the cap', () => {
    const seconds = decideRetry(policy, 0, { kind: 'status', status: 429, retryAfter: '7' }, NOW, fullJitter);
    expect(seconds).toEqual({ retry: true, delayMs: 7000 });
    const date = new Date(NOW + 12_000).toUTCString();
    expect(decideRetry(policy, 0, { kind: 'status', status: 503, retryAfter: date }, NOW, noJitter)).toEqual({
      retry: true,
      delayMs: 12_000,
    });
    expect(
      decideRetry(policy, 0, { kind: 'status', status: 503, retryAfter: '3600' }, NOW, noJitter),
    ).toEqual({
      retry: true,
      delayMs: 30_000,
    });
  });

  it('ignores an unparsable Retry-After and falls back to backoff', () => {
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter(undefined, NOW)).toBeNull();
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(
      decideRetry(policy, 1, { kind: 'status', status: 503, retryAfter: 'soon' }, NOW, noJitter),
    ).toEqual({
      retry: true,
      delayMs: 1000,
    });
  });

  it('reports invalid settings', () => {
    expect(validateRetryPolicy({ ...policy, attempts: 0 })).toHaveLength(1);
    expect(validateRetryPolicy({ ...policy, baseMs: -1, capMs: Number.NaN })).toHaveLength(2);
    expect(validateRetryPolicy(policy)).toEqual([]);
  });
});

/**
 * Sequential repetitions of one operation: warm-up first, then `reps` timed runs, each with the replica's
 * request log cleared before and counted after, so every repetition reports its own upstream requests.
 */
import type { Replica } from '../../src/replica/replica.js';
import { median, round, type Summary, summarize } from './stats.js';

export interface SequentialResult {
  /** Latency of one operation, ms. */
  latencyMs: Summary;
  /** Operations per second, one at a time: reps / total time. */
  throughputPerS: number;
  /** Upstream (replica /api) requests per operation: median, min and max over the timed runs. */
  upstream: { median: number; min: number; max: number };
}

export interface SequentialOptions {
  warmup: number;
  reps: number;
  replica: Replica;
  /** Hard stop: no more repetitions once this many ms have gone by (at least one always runs). */
  budgetMs?: number;
}

export async function runSequential(
  options: SequentialOptions,
  operation: () => Promise<void>,
): Promise<SequentialResult> {
  for (let i = 0; i < options.warmup; i++) await operation();
  const latencies: number[] = [];
  const upstream: number[] = [];
  const started = performance.now();
  for (let i = 0; i < options.reps; i++) {
    options.replica.clearLog();
    const t0 = performance.now();
    await operation();
    latencies.push(performance.now() - t0);
    upstream.push(options.replica.count({ pathPrefix: '/api' }));
    if (options.budgetMs !== undefined && performance.now() - started > options.budgetMs) break;
  }
  const total = latencies.reduce((a, b) => a + b, 0);
  const latencyMs = summarize(latencies);
  return {
    latencyMs: {
      n: latencyMs.n,
      min: round(latencyMs.min),
      p50: round(latencyMs.p50),
      p99: round(latencyMs.p99),
      max: round(latencyMs.max),
      mean: round(latencyMs.mean),
    },
    throughputPerS: round((latencies.length * 1000) / total),
    upstream: { median: median(upstream), min: Math.min(...upstream), max: Math.max(...upstream) },
  };
}

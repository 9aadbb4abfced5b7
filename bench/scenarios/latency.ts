/**
 * Scenario 4, upstream latency sensitivity: the replica answers every /api request after an added delay
 * (faults.add({ route: '/api', latencyMs })). Nested detail for N = 20 and 100 through the cold gateway
 * (2 round trips) against baseline (a) sequential (N+1 round trips) and with 5 requests in flight, and
 * against the floor: the gateway's own two upstream requests sent directly with undici.
 */
import { createReplica } from '../../src/replica/replica.js';
import { twoRoundTrips } from '../baselines/direct-round-trips.js';
import { describeByHand } from '../baselines/reference-client.js';
import { startGateway } from '../lib/gateway.js';
import { assertOk, postGraphQL } from '../lib/http.js';
import { NESTED_Q, NESTED_QUERY, NESTED_SORT } from '../lib/queries.js';
import { Resources } from '../lib/resources.js';
import { runSequential, type SequentialResult } from '../lib/sequential.js';
import { ratio, round } from '../lib/stats.js';
import type { Target } from '../lib/targets.js';
import { makeTempDir } from '../lib/temp.js';

export const LATENCY_SYSTEMS = {
  gateway: 'gateway (cold, CACHE_STORE=off)',
  direct: 'two sequential upstream round trips (undici)',
  referenceSequential: '(a) by hand, N+1 sequential',
  referenceConcurrent5: '(a) by hand, N+1 with 5 in flight',
} as const;
export type LatencySystem = keyof typeof LATENCY_SYSTEMS;

export interface LatencyRow extends SequentialResult {
  system: LatencySystem;
  addedLatencyMs: number;
  n: number;
}

export interface LatencyResult {
  /** Added latency levels; the cold-query target is judged on the non-zero ones. */
  levels: number[];
  sizes: number[];
  rows: LatencyRow[];
  comparisons: Array<{
    addedLatencyMs: number;
    n: number;
    gatewayP50: number;
    directP50: number;
    /** The target bound: direct p50 x 1.1 + 5 ms. */
    boundMs: number;
    gatewayOverDirect: number | null;
    sequentialOverGateway: number | null;
    concurrent5OverGateway: number | null;
    withinTarget: boolean;
  }>;
  targets: Target[];
}

export interface LatencySettings {
  levels: number[];
  sizes: number[];
  /** Warm-up runs and repetitions of the fast systems (gateway, direct). */
  warmup: number;
  reps: number;
  /** Repetitions of baseline (a), whose N+1 round trips take N x latency. */
  slowReps: number;
  cellBudgetMs: number;
}

export async function runLatency(
  settings: LatencySettings,
  log: (line: string) => void,
): Promise<LatencyResult> {
  const resources = new Resources();
  try {
    const replica = resources.add('replica', await createReplica({ size: 5000, seed: 1 }), (r) => r.close());
    const cacheDir = resources.add('cache dir', await makeTempDir('latency'), (d) => d.remove());
    const gateway = resources.add(
      'gateway',
      await startGateway({ siteUrl: replica.url, cacheStore: 'off', cacheDir: cacheDir.path }),
      (g) => g.close(),
    );
    const rows: LatencyRow[] = [];
    for (const addedLatencyMs of settings.levels) {
      replica.faults.clear();
      if (addedLatencyMs > 0) replica.faults.add({ route: '/api', latencyMs: addedLatencyMs });
      for (const n of settings.sizes) {
        const viaGateway = async () => {
          const result = await postGraphQL(gateway.graphqlUrl, NESTED_QUERY, { q: NESTED_Q, size: n });
          assertOk(result, `gateway nested N=${n}`);
        };
        // The exact two requests the gateway sends for this query.
        replica.clearLog();
        await viaGateway();
        const [search, morphometry] = replica.log.filter((e) => e.path.startsWith('/api')).map((e) => e.url);
        if (
          search === undefined ||
          morphometry === undefined ||
          !morphometry.startsWith('/api/morphometry/select')
        ) {
          throw new Error(
            `unexpected upstream requests for N=${n}: ${replica.log.map((e) => e.url).join(', ')}`,
          );
        }
        const byHand = (concurrency: number) => async () => {
          const items = await describeByHand({
            siteUrl: replica.url,
            cacheDir: cacheDir.path,
            q: NESTED_Q,
            sort: NESTED_SORT,
            size: n,
            concurrency,
          });
          if (items.length !== n) throw new Error(`by hand N=${n}: ${items.length} items`);
        };
        const operations: Record<LatencySystem, { op: () => Promise<void>; reps: number; warmup: number }> = {
          gateway: { op: viaGateway, reps: settings.reps, warmup: settings.warmup },
          direct: {
            op: () => twoRoundTrips(replica.url, search, morphometry),
            reps: settings.reps,
            warmup: settings.warmup,
          },
          referenceSequential: { op: byHand(1), reps: settings.slowReps, warmup: 0 },
          referenceConcurrent5: { op: byHand(5), reps: settings.slowReps, warmup: 0 },
        };
        for (const system of Object.keys(LATENCY_SYSTEMS) as LatencySystem[]) {
          const { op, reps, warmup } = operations[system];
          const result = await runSequential({ warmup, reps, replica, budgetMs: settings.cellBudgetMs }, op);
          rows.push({ system, addedLatencyMs, n, ...result });
          log(
            `  +${String(addedLatencyMs).padStart(3)} ms N=${String(n).padStart(3)} ${system.padEnd(20)} ` +
              `p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, upstream ${result.upstream.median}`,
          );
        }
      }
    }
    replica.faults.clear();
    return summarizeLatency(settings, rows);
  } finally {
    await resources.closeAll();
  }
}

function summarizeLatency(settings: LatencySettings, rows: LatencyRow[]): LatencyResult {
  const p50 = (system: LatencySystem, level: number, n: number) =>
    rows.find((r) => r.system === system && r.addedLatencyMs === level && r.n === n)?.latencyMs.p50;
  const r = (x: number | null) => (x === null ? null : round(x));
  const comparisons = settings.levels.flatMap((level) =>
    settings.sizes.map((n) => {
      const gatewayP50 = p50('gateway', level, n) ?? Number.NaN;
      const directP50 = p50('direct', level, n) ?? Number.NaN;
      const boundMs = round(directP50 * 1.1 + 5);
      return {
        addedLatencyMs: level,
        n,
        gatewayP50,
        directP50,
        boundMs,
        gatewayOverDirect: r(ratio(gatewayP50, directP50)),
        sequentialOverGateway: r(ratio(p50('referenceSequential', level, n), gatewayP50)),
        concurrent5OverGateway: r(ratio(p50('referenceConcurrent5', level, n), gatewayP50)),
        withinTarget: gatewayP50 <= boundMs,
      };
    }),
  );
  const judged = comparisons.filter((c) => c.addedLatencyMs > 0);
  return {
    levels: settings.levels,
    sizes: settings.sizes,
    rows,
    comparisons,
    targets: [
      {
        id: 'cold-latency',
        description:
          'cold-query gateway latency within 10% + 5 ms of two sequential upstream round trips (added upstream latency 50 and 200 ms)',
        threshold: 'gateway p50 <= direct p50 x 1.1 + 5 ms, for every added latency > 0 and every N',
        measured: comparisons
          .map(
            (c) =>
              `+${c.addedLatencyMs} ms N=${c.n}: ${c.gatewayP50} vs bound ${c.boundMs} ms${c.addedLatencyMs === 0 ? ' (info)' : ''}`,
          )
          .join('; '),
        met: judged.length === 0 ? null : judged.every((c) => c.withinTarget),
      },
    ],
  };
}

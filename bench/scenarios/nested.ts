/**
 * Scenario 1, nested detail for N neurons: the gateway (cold: CACHE_STORE=off, and warm: memory) against
 * (a) the reference client's N+1 pattern by hand, (b) GraphQL Mesh, (c) bare yoga from memory. Sequential
 * repetitions after a warm-up; upstream requests counted from the replica's log, per query.
 */
import { createReplica } from '../../src/replica/replica.js';
import { startBareYoga } from '../baselines/bare-yoga.js';
import { startMesh } from '../baselines/mesh.js';
import { describeByHand } from '../baselines/reference-client.js';
import { type BenchGateway, startGateway } from '../lib/gateway.js';
import { assertOk, getJson, postGraphQL } from '../lib/http.js';
import { NESTED_Q, NESTED_QUERY, NESTED_SORT, type NestedItem, nestedItems } from '../lib/queries.js';
import { Resources } from '../lib/resources.js';
import { runSequential, type SequentialResult } from '../lib/sequential.js';
import { ratio, round } from '../lib/stats.js';
import type { Target } from '../lib/targets.js';
import { makeTempDir } from '../lib/temp.js';

export const NESTED_SYSTEMS = {
  gatewayCold: 'gateway (cold, CACHE_STORE=off)',
  gatewayWarm: 'gateway (warm, memory cache)',
  reference: '(a) reference pattern by hand, N+1 sequential',
  mesh: '(b) GraphQL Mesh + Hive gateway runtime',
  bareYoga: '(c) bare graphql-yoga from memory',
} as const;
export type NestedSystem = keyof typeof NESTED_SYSTEMS;

export interface NestedRow extends SequentialResult {
  system: NestedSystem;
  n: number;
}

export interface NestedResult {
  replicaSize: number;
  q: string;
  populationMatching: number;
  sizes: number[];
  warmup: number;
  reps: number;
  mesh: { status: 'ok' | 'skipped'; reason?: string };
  rows: NestedRow[];
  /** Per N: p50 ratios against the baselines (> 1 means the gateway is faster). */
  ratios: Array<{
    n: number;
    referenceOverGatewayCold: number | null;
    meshOverGatewayCold: number | null;
    gatewayWarmOverBareYoga: number | null;
    upstreamGatewayCold: number;
    upstreamReference: number;
    upstreamMesh: number | null;
  }>;
  targets: Target[];
}

export interface NestedSettings {
  sizes: number[];
  warmup: number;
  reps: number;
  /** Time cap of one (system, N) cell, ms. */
  cellBudgetMs: number;
}

const REPLICA_SIZE = 5000;

export async function runNested(
  settings: NestedSettings,
  log: (line: string) => void,
): Promise<NestedResult> {
  const resources = new Resources();
  try {
    const replica = resources.add('replica', await createReplica({ size: REPLICA_SIZE, seed: 1 }), (r) =>
      r.close(),
    );
    const cacheDir = resources.add('cache dir', await makeTempDir('nested'), (d) => d.remove());
    const cold = resources.add(
      'gateway cold',
      await startGateway({ siteUrl: replica.url, cacheStore: 'off', cacheDir: cacheDir.path }),
      (g) => g.close(),
    );
    const warm = resources.add(
      'gateway warm',
      await startGateway({ siteUrl: replica.url, cacheStore: 'memory', cacheDir: cacheDir.path }),
      (g) => g.close(),
    );
    const maxN = Math.max(...settings.sizes);
    const gatewayItems = async (gateway: BenchGateway, n: number): Promise<NestedItem[]> => {
      const result = await postGraphQL(gateway.graphqlUrl, NESTED_QUERY, { q: NESTED_Q, size: n });
      assertOk(result, `gateway nested N=${n}`);
      const items = nestedItems(result.body.data) as NestedItem[];
      if (items.length !== n) throw new Error(`gateway nested N=${n}: got ${items.length} items`);
      return items;
    };
    const precomputed = await gatewayItems(cold, maxN);
    const populationMatching = await countMatching(replica.url);
    if (populationMatching < maxN) {
      throw new Error(`replica holds ${populationMatching} neurons for ${NESTED_Q}, fewer than N=${maxN}`);
    }
    const yoga = resources.add('bare yoga', await startBareYoga(precomputed), (y) => y.close());
    const meshStart = await startMesh(replica.url, cacheDir.path);
    if (meshStart.ok) resources.add('mesh', meshStart.peer, (p) => p.close());
    else log(`  mesh skipped: ${meshStart.reason.split('\n')[0]}`);

    /** Baseline (a): the reference client's pattern, one request at a time. */
    const byHand = (n: number) =>
      describeByHand({
        siteUrl: replica.url,
        cacheDir: cacheDir.path,
        q: NESTED_Q,
        sort: NESTED_SORT,
        size: n,
        concurrency: 1,
      });

    const operations: Record<NestedSystem, ((n: number) => Promise<void>) | null> = {
      gatewayCold: async (n) => void (await gatewayItems(cold, n)),
      gatewayWarm: async (n) => void (await gatewayItems(warm, n)),
      reference: async (n) => {
        const items = await byHand(n);
        if (items.length !== n) throw new Error(`reference N=${n}: got ${items.length} items`);
      },
      mesh: meshStart.ok
        ? async (n) => {
            const result = await postGraphQL(meshStart.peer.graphqlUrl, meshStart.peer.query, {
              q: NESTED_Q,
              size: n,
            });
            assertOk(result, `mesh nested N=${n}`);
            const count = nestedItems(result.body.data).length;
            if (count !== n) throw new Error(`mesh nested N=${n}: got ${count} items`);
          }
        : null,
      bareYoga: async (n) => {
        const result = await postGraphQL(yoga.graphqlUrl, NESTED_QUERY, { q: NESTED_Q, size: n });
        assertOk(result, `bare yoga N=${n}`);
      },
    };

    // The baselines must answer what the gateway answers: checked once per N before timing.
    for (const n of settings.sizes) {
      const expected = canonical(precomputed.slice(0, n));
      const fromHand = await byHand(n);
      if (canonical(fromHand) !== expected)
        throw new Error(`reference answer differs from the gateway's at N=${n}`);
    }

    const rows: NestedRow[] = [];
    for (const n of settings.sizes) {
      for (const system of Object.keys(NESTED_SYSTEMS) as NestedSystem[]) {
        const operation = operations[system];
        if (operation === null) continue;
        const result = await runSequential(
          { warmup: settings.warmup, reps: settings.reps, replica, budgetMs: settings.cellBudgetMs },
          () => operation(n),
        );
        rows.push({ system, n, ...result });
        log(
          `  N=${String(n).padStart(3)} ${system.padEnd(11)} p50 ${result.latencyMs.p50} ms, ` +
            `p99 ${result.latencyMs.p99} ms, ${result.throughputPerS}/s, upstream ${result.upstream.median}`,
        );
      }
    }
    return summarizeNested(settings, populationMatching, meshStart, rows);
  } finally {
    await resources.closeAll();
  }
}

async function countMatching(siteUrl: string): Promise<number> {
  const page = (await getJson(
    `${siteUrl}/api/neuron/select?q=${encodeURIComponent(NESTED_Q)}&size=1&page=0`,
  )) as { page?: { totalElements?: number } };
  return page.page?.totalElements ?? 0;
}

function summarizeNested(
  settings: NestedSettings,
  populationMatching: number,
  meshStart: Awaited<ReturnType<typeof startMesh>>,
  rows: NestedRow[],
): NestedResult {
  const find = (system: NestedSystem, n: number) => rows.find((r) => r.system === system && r.n === n);
  const ratios = settings.sizes.map((n) => {
    const cold = find('gatewayCold', n);
    const mesh = find('mesh', n);
    return {
      n,
      referenceOverGatewayCold: roundOrNull(ratio(find('reference', n)?.latencyMs.p50, cold?.latencyMs.p50)),
      meshOverGatewayCold: roundOrNull(ratio(mesh?.latencyMs.p50, cold?.latencyMs.p50)),
      gatewayWarmOverBareYoga: roundOrNull(
        ratio(find('gatewayWarm', n)?.latencyMs.p50, find('bareYoga', n)?.latencyMs.p50),
      ),
      upstreamGatewayCold: cold?.upstream.max ?? Number.NaN,
      upstreamReference: find('reference', n)?.upstream.median ?? Number.NaN,
      upstreamMesh: mesh?.upstream.median ?? null,
    };
  });
  const coldRows = rows.filter((r) => r.system === 'gatewayCold');
  const allTwo = coldRows.length > 0 && coldRows.every((r) => r.upstream.min === 2 && r.upstream.max === 2);
  return {
    replicaSize: REPLICA_SIZE,
    q: NESTED_Q,
    populationMatching,
    sizes: settings.sizes,
    warmup: settings.warmup,
    reps: settings.reps,
    mesh: meshStart.ok ? { status: 'ok' } : { status: 'skipped', reason: meshStart.reason },
    rows,
    ratios,
    targets: [
      {
        id: 'nested-upstream',
        description: 'nested detail costs 2 upstream requests for any N <= 500 (baseline a: N+1)',
        threshold: 'exactly 2 upstream requests per cold query, every repetition, every N',
        measured: coldRows
          .map((r) => {
            const ref = find('reference', r.n)?.upstream.median;
            return `N=${r.n}: ${r.upstream.min === r.upstream.max ? r.upstream.max : `${r.upstream.min}-${r.upstream.max}`} (a: ${ref ?? '-'})`;
          })
          .join('; '),
        met: coldRows.length === 0 ? null : allTwo,
      },
    ],
  };
}

function roundOrNull(x: number | null): number | null {
  return x === null ? null : round(x);
}

/** Items in one key order (the executor may order keys by resolution), for comparing answers. */
function canonical(items: readonly NestedItem[]): string {
  return JSON.stringify(
    items.map((i) => [
      i.neuronId,
      i.name,
      i.measurement?.length,
      i.measurement?.nBifs,
      i.urls.standardSwc,
      i.cacheStatus.exists,
    ]),
  );
}

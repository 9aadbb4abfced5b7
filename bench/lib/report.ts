/** Renders the results as Markdown tables (bench/results/*.md) and writes both files. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LATENCY_SYSTEMS } from '../scenarios/latency.js';
import { LOAD_SYSTEMS } from '../scenarios/load.js';
import { NESTED_SYSTEMS } from '../scenarios/nested.js';
import type { BenchResults } from './results.js';
import { ratio, round } from './stats.js';
import { verdict } from './targets.js';

type Cell = string | number | null | undefined;

function table(header: string[], rows: Cell[][]): string {
  const text = (c: Cell) => (c === null || c === undefined || Number.isNaN(c) ? '-' : String(c));
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(text).join(' | ')} |`),
  ].join('\n');
}

function x(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '-' : `${round(value)}x`;
}

export function renderMarkdown(results: BenchResults): string {
  const { meta } = results;
  const out: string[] = [];
  out.push('# Benchmark results', '');
  out.push(`- date: ${meta.date}`, `- command: \`${meta.command}\` (${round(meta.durationS, 0)} s)`);
  out.push(
    `- machine: ${meta.machine.cpuModel}, ${meta.machine.cores} cores, ${meta.machine.memoryGiB} GiB, ` +
      `${meta.machine.platform} ${meta.machine.release}, Node ${meta.machine.node}`,
  );
  out.push(
    `- gateway settings: ${Object.entries(meta.gatewayEnv)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
  for (const note of meta.notes) out.push(`- ${note}`);
  out.push('', '## Targets', '');
  out.push(
    table(
      ['target', 'rule', 'measured', 'verdict'],
      results.targets.map((t) => [t.description, t.threshold, t.measured, `**${verdict(t.met)}**`]),
    ),
  );
  if (results.errors.length > 0) {
    out.push('', '## Errors', '');
    for (const e of results.errors) out.push(`- ${e.scenario}: ${e.message.split('\n')[0]}`);
  }
  if (results.nested) out.push('', ...renderNested(results));
  if (results.load) out.push('', ...renderLoad(results));
  if (results.downloads) out.push('', ...renderDownloads(results));
  if (results.latency) out.push('', ...renderLatency(results));
  return `${out.join('\n')}\n`;
}

function renderNested(results: BenchResults): string[] {
  const nested = results.nested;
  if (!nested) return [];
  const out = [
    '## 1. Nested detail for N neurons (sequential)',
    '',
    `\`search(q: "${nested.q}", size: N) { items { neuronId name measurement { length nBifs } urls { standardSwc } cacheStatus { exists } } }\`; ` +
      `replica of ${nested.replicaSize} generated neurons (${nested.populationMatching} match), ${nested.warmup} warm-up + ` +
      `${nested.reps} timed repetitions per cell. "x cold gateway" is p50 over the cold gateway's p50 (> 1: slower than the gateway).`,
  ];
  if (nested.mesh.status === 'skipped') out.push('', `Mesh skipped: ${nested.mesh.reason?.split('\n')[0]}`);
  for (const n of nested.sizes) {
    const cold = nested.rows.find((r) => r.system === 'gatewayCold' && r.n === n);
    out.push('', `### N = ${n}`, '');
    out.push(
      table(
        ['system', 'upstream req/query', 'p50 ms', 'p99 ms', 'queries/s', 'x cold gateway (p50)'],
        nested.rows
          .filter((r) => r.n === n)
          .map((r) => [
            NESTED_SYSTEMS[r.system],
            r.upstream.min === r.upstream.max ? r.upstream.max : `${r.upstream.min}-${r.upstream.max}`,
            r.latencyMs.p50,
            r.latencyMs.p99,
            r.throughputPerS,
            x(ratio(r.latencyMs.p50, cold?.latencyMs.p50)),
          ]),
      ),
    );
  }
  return out;
}

function renderLoad(results: BenchResults): string[] {
  const load = results.load;
  if (!load) return [];
  // Each row against bare yoga answering the same bodies: distinct queries against its distinct row.
  const ceiling = (system: string, c: number) => {
    const bare = system.endsWith('Distinct') ? 'bareYogaDistinct' : 'bareYoga';
    return load.rows.find((r) => r.system === bare && r.connections === c)?.requestsPerS;
  };
  return [
    `## 2. Under load (autocannon, nested query N=${load.n}, ${load.durationS} s per run, best of ${load.rounds} alternating rounds per cell)`,
    '',
    table(
      [
        'system',
        'connections',
        'req/s',
        'req/s of each round',
        'of bare yoga',
        'p50 ms',
        'p99 ms',
        'errors',
        'upstream req/request',
      ],
      load.rows.map((r) => [
        LOAD_SYSTEMS[r.system],
        r.connections,
        r.requestsPerS,
        r.roundsRequestsPerS.join(' / '),
        x(ratio(r.requestsPerS, ceiling(r.system, r.connections))),
        r.latencyMs.p50,
        r.latencyMs.p99,
        r.errors + r.non2xx + r.mismatches,
        r.upstreamPerRequest,
      ]),
    ),
  ];
}

function renderDownloads(results: BenchResults): string[] {
  const downloads = results.downloads;
  if (!downloads) return [];
  const raw = (size: number) =>
    downloads.rows.find((r) => r.system === 'raw' && r.sizeBytes === size)?.mbPerS;
  return [
    `## 3. Downloads (median of ${downloads.reps}; peak memory growth of this process, highest of the runs)`,
    '',
    table(
      [
        'file',
        'system',
        'MB/s',
        'of raw stream',
        'peak rss +MiB',
        'peak arrayBuffers +MiB',
        'peak heapUsed +MiB',
      ],
      downloads.rows.map((r) => [
        `${r.sizeBytes / 1_000_000} MB`,
        r.system === 'raw' ? 'raw undici stream to disk' : 'gateway downloadNeuron (STANDARD)',
        r.mbPerS,
        x(ratio(r.mbPerS, raw(r.sizeBytes))),
        r.peakRssDeltaMiB,
        r.peakArrayBuffersDeltaMiB,
        r.peakHeapUsedDeltaMiB,
      ]),
    ),
  ];
}

function renderLatency(results: BenchResults): string[] {
  const latency = results.latency;
  if (!latency) return [];
  const row = (system: keyof typeof LATENCY_SYSTEMS, level: number, n: number) =>
    latency.rows.find((r) => r.system === system && r.addedLatencyMs === level && r.n === n);
  return [
    '## 4. Upstream latency sensitivity (cold gateway)',
    '',
    'p50 in ms; "bound" is the target: direct two round trips x 1.1 + 5 ms; (a) ratios are (a) p50 over the gateway p50.',
    '',
    table(
      [
        'added latency',
        'N',
        'gateway',
        'direct 2 round trips',
        'bound',
        'gateway / direct',
        '(a) sequential',
        '(a) seq / gateway',
        '(a) 5 in flight',
        '(a) c5 / gateway',
        'upstream req: gateway / (a)',
        'within bound',
      ],
      latency.comparisons.map((c) => [
        `${c.addedLatencyMs} ms`,
        c.n,
        c.gatewayP50,
        c.directP50,
        c.boundMs,
        x(c.gatewayOverDirect),
        row('referenceSequential', c.addedLatencyMs, c.n)?.latencyMs.p50,
        x(c.sequentialOverGateway),
        row('referenceConcurrent5', c.addedLatencyMs, c.n)?.latencyMs.p50,
        x(c.concurrent5OverGateway),
        `${row('gateway', c.addedLatencyMs, c.n)?.upstream.median ?? '-'} / ${row('referenceSequential', c.addedLatencyMs, c.n)?.upstream.median ?? '-'}`,
        c.addedLatencyMs === 0 ? `${c.withinTarget ? 'yes' : 'no'} (info)` : c.withinTarget ? 'yes' : 'no',
      ]),
    ),
  ];
}

export async function writeResults(dir: string, name: string, results: BenchResults): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, `${name}.json`);
  const md = join(dir, `${name}.md`);
  await writeFile(json, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(md, renderMarkdown(results));
  return [json, md];
}

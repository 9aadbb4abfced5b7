/**
 * Scenario 6, morphology through the gateway over real HTTP: (a) the gateway process's event-loop stall
 * (monitorEventLoopDelay max and p99) while a 20 MB standard file is fetched, parsed on the pool and
 * cached, against the same measurement while the gateway answers plain queries for as long; (b) a warm
 * page of 50 neurons with `morphology { summary { length nBifs } }` against the same page without it,
 * under autocannon at 10 connections. The replica runs in a child process, so generating a 20 MB file
 * never counts as the gateway's stall.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startGateway } from '../lib/gateway.js';
import { assertOk, postGraphQL } from '../lib/http.js';
import { runLoad } from '../lib/load.js';
import { Resources } from '../lib/resources.js';
import { median, round } from '../lib/stats.js';
import type { Target } from '../lib/targets.js';
import { makeTempDir } from '../lib/temp.js';

const LARGE_BYTES = 20_000_000;
/** Generated neurons (ids 700000 + i) served with a 20 MB standard file, one per cold repetition. */
const FIRST_LARGE_ID = 700_200;
const PAGE_SIZE = 50;
const CONNECTIONS = 10;

export const MORPHOLOGY_PAGE_QUERY = `{ search(size: ${PAGE_SIZE}) { items { neuronId name morphology { summary { length nBifs } } } } }`;
export const PLAIN_PAGE_QUERY = `{ search(size: ${PAGE_SIZE}) { items { neuronId name } } }`;
const PLAIN_QUERY = '{ neuron(id: 700001) { neuronId name } }';
const largeQuery = (id: number) => `{ neuron(id: ${id}) { morphology { nodes summary { length nBifs } } } }`;

export interface MorphologyGatewaySettings {
  /** Cold 20 MB parses measured (each a different neuron, so none is answered from the cache). */
  stallReps: number;
  durationS: number;
  warmupS: number;
  /** Alternating rounds of (plain page, morphology page) under load. */
  loadRounds: number;
}

export interface StallSample {
  /** Longest event-loop stall, ms. */
  maxMs: number;
  p99Ms: number;
  /** Wall time of the measured window, ms. */
  ms: number;
}

export interface MorphologyGatewayResult {
  largeFileBytes: number;
  nodes: number;
  /** Per repetition: while a 20 MB file is fetched and parsed; while plain queries are answered. */
  parse: StallSample[];
  plain: StallSample[];
  medianParseMaxMs: number;
  medianPlainMaxMs: number;
  page: {
    size: number;
    connections: number;
    durationS: number;
    /** req/s of each round. */
    plainRps: number[];
    morphologyRps: number[];
    errors: number;
    /** plain req/s over morphology req/s (the time ratio; <= 1.5 is the target). */
    timeRatio: number;
  };
  targets: Target[];
}

async function startReplicaProcess(largeIds: number[]): Promise<{ url: string; child: ChildProcess }> {
  const main = fileURLToPath(new URL('../../src/replica/main.ts', import.meta.url));
  const args = ['--import', 'tsx', main, '--size', '300', '--seed', '1'];
  for (const id of largeIds) args.push('--large-file', `${id}=${LARGE_BYTES}`);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`replica did not start: ${err.slice(0, 1000)}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /replica listening on (\S+)/.exec(out);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica exited with ${code}: ${err.slice(0, 1000)}`));
    });
  });
  return { url, child };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The event loop's delay over `operation`, sampled every millisecond. */
async function measureStall(operation: () => Promise<void>): Promise<StallSample> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const started = performance.now();
  histogram.enable();
  try {
    await operation();
  } finally {
    histogram.disable();
  }
  return {
    maxMs: round(histogram.max / 1e6),
    p99Ms: round(histogram.percentile(99) / 1e6),
    ms: round(performance.now() - started),
  };
}

export async function runMorphologyGateway(
  settings: MorphologyGatewaySettings,
  log: (line: string) => void,
): Promise<MorphologyGatewayResult> {
  const resources = new Resources();
  try {
    const largeIds = Array.from({ length: settings.stallReps }, (_, i) => FIRST_LARGE_ID + i);
    const replica = await startReplicaProcess(largeIds);
    resources.add('replica process', replica.child, stopChild);
    const cacheDir = resources.add('cache dir', await makeTempDir('morphology'), (dir) => dir.remove());
    const gateway = resources.add(
      'gateway',
      await startGateway({ siteUrl: replica.url, cacheStore: 'memory', cacheDir: cacheDir.path }),
      (g) => g.close(),
    );

    // Warm-up: the pool's threads start, and both code paths run once.
    assertOk(await postGraphQL(gateway.graphqlUrl, '{ neuron(id: 1) { morphology { nodes } } }'), 'warm-up');
    for (let i = 0; i < 20; i++) assertOk(await postGraphQL(gateway.graphqlUrl, PLAIN_QUERY), 'plain');

    const parse: StallSample[] = [];
    const plain: StallSample[] = [];
    let nodes = 0;
    for (const id of largeIds) {
      const sample = await measureStall(async () => {
        const result = await postGraphQL(gateway.graphqlUrl, largeQuery(id));
        assertOk(result, `morphology of ${id}`);
        nodes = (result.body.data as { neuron: { morphology: { nodes: number } } }).neuron.morphology.nodes;
      });
      parse.push(sample);
      // Baseline: plain queries, one after the other, for as long as the parse took.
      plain.push(
        await measureStall(async () => {
          const until = performance.now() + sample.ms;
          do assertOk(await postGraphQL(gateway.graphqlUrl, PLAIN_QUERY), 'plain');
          while (performance.now() < until);
        }),
      );
      log(
        `  20 MB parse of ${id}: stall max ${parse.at(-1)?.maxMs} ms (p99 ${parse.at(-1)?.p99Ms}) in ` +
          `${sample.ms} ms; plain queries: max ${plain.at(-1)?.maxMs} ms`,
      );
    }

    // The page, primed: every morphology parsed and cached once.
    assertOk(await postGraphQL(gateway.graphqlUrl, MORPHOLOGY_PAGE_QUERY), 'morphology page (priming)');
    const body = (query: string) => JSON.stringify({ query });
    const plainRps: number[] = [];
    const morphologyRps: number[] = [];
    let errors = 0;
    const load = async (query: string) => {
      await runLoad({
        url: gateway.graphqlUrl,
        body: body(query),
        connections: CONNECTIONS,
        durationS: settings.warmupS,
      });
      const summary = await runLoad({
        url: gateway.graphqlUrl,
        body: body(query),
        connections: CONNECTIONS,
        durationS: settings.durationS,
      });
      errors += summary.errors + summary.non2xx + summary.mismatches;
      return round(summary.requestsPerS);
    };
    for (let r = 0; r < settings.loadRounds; r++) {
      plainRps.push(await load(PLAIN_PAGE_QUERY));
      morphologyRps.push(await load(MORPHOLOGY_PAGE_QUERY));
      log(
        `  page of ${PAGE_SIZE}: plain ${plainRps.at(-1)} req/s, with morphology ${morphologyRps.at(-1)} req/s`,
      );
    }

    const medianParseMaxMs = median(parse.map((s) => s.maxMs));
    const medianPlainMaxMs = median(plain.map((s) => s.maxMs));
    const timeRatio = round(median(plainRps) / median(morphologyRps));
    const worstParse = Math.max(...parse.map((s) => s.maxMs));
    const targets: Target[] = [
      {
        id: 'morphology-stall',
        description: 'event loop longest stall while a 20 MB morphology is fetched and parsed < 20 ms',
        threshold: 'median over the cold parses of monitorEventLoopDelay max < 20 ms',
        measured:
          `median ${medianParseMaxMs} ms, worst ${worstParse} ms over ${parse.length} parses ` +
          `(plain queries: median ${medianPlainMaxMs} ms)`,
        met: medianParseMaxMs < 20,
      },
      {
        id: 'morphology-page',
        description: `warm morphology page of ${PAGE_SIZE} <= 1.5x the same page without morphology`,
        threshold: `plain req/s / morphology req/s <= 1.5 (autocannon, ${CONNECTIONS} connections)`,
        measured: `${timeRatio}x (plain ${median(plainRps)} req/s, morphology ${median(morphologyRps)} req/s)`,
        met: errors === 0 && timeRatio <= 1.5,
      },
    ];
    return {
      largeFileBytes: LARGE_BYTES,
      nodes,
      parse,
      plain,
      medianParseMaxMs,
      medianPlainMaxMs,
      page: {
        size: PAGE_SIZE,
        connections: CONNECTIONS,
        durationS: settings.durationS,
        plainRps,
        morphologyRps,
        errors,
        timeRatio,
      },
      targets,
    };
  } finally {
    await resources.closeAll();
  }
}

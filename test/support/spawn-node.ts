/**
 * Node processes from source (through tsx) for tests that kill them outright: the replica's and the
 * gateway's own entry points, each announcing `listening on <url>` on stdout.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export interface SpawnedNode {
  url: string;
  child: ChildProcess;
  stderr(): string;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const running = new Set<ChildProcess>();

afterAll(async () => {
  for (const child of running) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

/** Starts `node --import tsx <args>` in the repository; resolves with the URL its stdout announces. */
export async function spawnNode(args: string[], env: Record<string, string>): Promise<SpawnedNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const announced = /listening on (http:\/\/[\d.:]+)/.exec(stdout);
      if (announced?.[1] !== undefined) resolve(announced[1]);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`${args.join(' ')} exited (${code ?? signal}) before listening: ${stderr}`)),
    );
  });
  return { url, child, stderr: () => stderr };
}

/** SIGKILL: no shutdown hook runs. Resolves once the process is gone. */
export async function sigkill(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
  running.delete(child);
}

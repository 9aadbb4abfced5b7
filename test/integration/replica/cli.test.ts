import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function startCli(args: string[]): {
  child: ChildProcess;
  url: Promise<string>;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/replica/main.ts', ...args], {
    cwd: root,
    stdio: 'pipe',
  });
  children.push(child);
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /replica listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', () => reject(new Error(`replica exited before listening: ${output}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, exit };
}

it('npm run replica: listens, applies --fault, and exits cleanly on SIGTERM', async () => {
  const { child, url, exit } = startCli([
    '--port',
    '0',
    '--size',
    '10',
    '--fault',
    'route=/api/health,status=503,times=1',
  ]);
  const base = await url;
  expect((await fetch(`${base}/api/health`)).status).toBe(503);
  expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'UP' });
  child.kill('SIGTERM');
  expect(await exit).toBe(0);
});

it('rejects bad arguments with the usage and exit code 2', async () => {
  const { exit, url } = startCli(['--size', '300000']);
  url.catch(() => undefined);
  expect(await exit).toBe(2);
});

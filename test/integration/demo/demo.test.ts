import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** `npm run demo` as a process, from the sources (the npm script builds dist/ first; the code is the same). */
function startDemo(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo.ts', '--port', '0', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'silent', ...env },
    stdio: 'pipe',
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const graphiql = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /GraphiQL: (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', () => reject(new Error(`demo exited before listening:\n${stdout}${stderr}`)));
  });
  graphiql.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, graphiql, exit, stdout: () => stdout, stderr: () => stderr };
}

describe('npm run demo', () => {
  it("downloads into the demo's own cache folder, never the real one", async () => {
    const home = await tempDir('nmg-demo-home-');
    const demo = startDemo({ HOME: home });
    const url = await demo.graphiql;
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { downloadNeuron(id: 1, mode: STANDARD) { folder } }' }),
    });
    const body = (await answer.json()) as { data?: { downloadNeuron: { folder: string | null } } };
    expect(body.data?.downloadNeuron).toBeTruthy();
    const demoFolder = join(home, '.cache', 'neuromorpho-gateway-demo');
    expect(demo.stdout()).toContain(`demo cache folder: ${demoFolder}`);
    expect(readdirSync(join(demoFolder, '1')).some((name) => name.endsWith('.CNG.swc'))).toBe(true);
    expect(existsSync(join(home, '.cache', 'neuromorpho-gateway'))).toBe(false);
    demo.child.kill('SIGTERM');
    expect(await demo.exit).toBe(0);
  }, 30_000);

  it('refuses CACHE_DIR set to the real cache folder, saying why', async () => {
    const home = await tempDir('nmg-demo-home-');
    const demo = startDemo({ HOME: home, CACHE_DIR: join(home, '.cache', 'neuromorpho-gateway') });
    expect(await demo.exit).toBe(2);
    expect(demo.stderr()).toMatch(/real cache folder/);
    expect(existsSync(join(home, '.cache', 'neuromorpho-gateway'))).toBe(false);
  }, 30_000);
});

import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../support/redis.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('the neuromorpho-gateway entry point', () => {
  it('starts with a shebang, so the bin that npx runs is executed by node, not by sh', async () => {
    const pkg = JSON.parse(await readFile(`${root}package.json`, 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin['neuromorpho-gateway']).toBe('dist/src/main.js');
    const source = await readFile(`${root}src/main.ts`, 'utf8');
    expect(source.split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('`serve` starts the gateway, as no command does', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CACHE_DIR: 'off', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    child.kill('SIGTERM');
    await exited;
    expect(line).toContain(`listening on http://127.0.0.1:${port}/graphql`);
  });
});

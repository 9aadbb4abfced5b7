import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileBuildCopy } from '../../scripts/compile-build-copy.js';

// The worker pool from compiled output: tsc's dist has no .ts, so the pool must find tasks.js beside
// pool.js and start its threads without tsx. Built inside the project (.test-build/<random>) so the
// compiled files resolve piscina from node_modules, as the Docker image does.
const root = resolve(import.meta.dirname, '../..');
const buildRoot = join(root, '.test-build');
const appDir = join(buildRoot, `pool-${randomBytes(6).toString('hex')}`);

beforeAll(() => {
  // Only the pool and what it imports, with the build's own settings.
  const tsc = compileBuildCopy(appDir, ['src/morphology-pool/*.ts']);
  if (tsc.status !== 0)
    throw new Error(`tsc failed (${tsc.status ?? tsc.signal}):\n${tsc.stdout}${tsc.stderr}`);
}, 120_000);

afterAll(() => {
  rmSync(appDir, { recursive: true, force: true });
  try {
    rmdirSync(buildRoot); // only when no other run is using it
  } catch {
    // not empty or already gone
  }
});

describe('the morphology pool from the compiled build', () => {
  it('parses, measures and draws on its threads under plain node', () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import { createMorphologyPool } from './dist/src/morphology-pool/pool.js';
      const pool = createMorphologyPool({ threads: 2 });
      const bytes = new Uint8Array(readFileSync(${JSON.stringify(join(root, 'fixtures/swc/v_e_moto1.CNG.swc'))}));
      const analysis = await pool.analyse(bytes, 1000000);
      const svg = await pool.svg(analysis.geometry, { projection: 'XY', width: 300, height: 200 });
      const sholl = await pool.sholl(analysis.geometry, 50);
      console.log(JSON.stringify({ somaType: analysis.somaType, nodes: analysis.nodes,
        surface: analysis.summary.surface, svg: svg.slice(0, 4), sholl: sholl.length, threads: pool.threads() }));
      await pool.close();
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: appDir,
      encoding: 'utf8',
      timeout: 60_000,
      // No loader from the test runner: exactly what `npm start` runs with.
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout.trim()) as Record<string, unknown>;
    expect(result).toMatchObject({ somaType: 'THREE_POINT', nodes: 562, svg: '<svg' });
    expect(Math.abs((result.surface as number) - 512417.0) / 512417.0).toBeLessThan(0.001);
    expect(result.sholl).toBeGreaterThan(0);
    expect(result.threads).toBeGreaterThanOrEqual(1);
  });
});

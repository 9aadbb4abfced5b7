import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Compiles `include` (paths or globs under the project; all of src/ by default) with tsconfig.build.json's
 * settings into `<dir>/dist`, beside a package.json that makes it ESM. `dir` must lie inside the project
 * so the compiled files resolve node_modules, as in the Docker image. Returns tsc's run: whether a type
 * error elsewhere matters is the caller's call (tsc emits despite them).
 */
export function compileBuildCopy(
  dir: string,
  include: readonly string[] = ['src'],
  timeoutMs = 110_000,
): SpawnSyncReturns<string> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.build.json'),
      compilerOptions: { rootDir: ROOT, outDir: join(dir, 'dist') },
      include: include.map((path) => join(ROOT, path)),
    }),
  );
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  return spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
}

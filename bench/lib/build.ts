/**
 * The gateway as it ships: src/ compiled by tsc with the build's settings (what `npm start` and the
 * Docker image run), once per bench process, into a folder of its own inside the project (so
 * node_modules resolve) that is removed when the process exits. Measuring the sources through tsx
 * instead would charge the gateway for tsx's development transform: it keeps every function's name
 * with a call per closure created, which the warm path creates many of per request.
 */
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileBuildCopy } from '../../scripts/compile-build-copy.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface CompiledGateway {
  /** dist/src/main.js of the compiled copy. */
  mainJs: string;
  /** Its createApp and loadConfig (the compiled modules, typed as the sources they came from). */
  modules(): Promise<{
    createApp: typeof import('../../src/app.js')['createApp'];
    loadConfig: typeof import('../../src/config.js')['loadConfig'];
  }>;
}

let compiled: CompiledGateway | undefined;

export function compiledGateway(): CompiledGateway {
  compiled ??= compile();
  return compiled;
}

function compile(): CompiledGateway {
  const dir = join(ROOT, '.cache', `bench-build-${process.pid}`);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const tsc = compileBuildCopy(dir);
  const distSrc = join(dir, 'dist/src');
  const mainJs = join(distSrc, 'main.js');
  // tsc emits despite type errors elsewhere in the tree; only a missing entry point stops the bench.
  if (!existsSync(mainJs)) throw new Error(`tsc produced no main.js:\n${tsc.stdout}${tsc.stderr}`);
  return {
    mainJs,
    modules: async () => {
      const app = (await import(
        pathToFileURL(join(distSrc, 'app.js')).href
      )) as typeof import('../../src/app.js');
      const config = (await import(
        pathToFileURL(join(distSrc, 'config.js')).href
      )) as typeof import('../../src/config.js');
      return { createApp: app.createApp, loadConfig: config.loadConfig };
    },
  };
}

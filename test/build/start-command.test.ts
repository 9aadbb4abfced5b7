import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmdirSync,
  rmSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort } from '../../scripts/free-port.js';
import {
  byKeyword,
  execForm,
  healthcheckCommand,
  parseDockerfile,
  root,
  type Stage,
  stageEnv,
} from '../support/dockerfile-model.js';

// Runs the image's CMD and HEALTHCHECK, read from the Dockerfile, against a fresh compile of src/
// laid out as in the image (dist/src + package.json in one folder). The build goes into a folder
// inside the project, .test-build/<random>, because the compiled files import packages and Node
// resolves those by walking up to /work/main/node_modules (a folder under /tmp would find none).

const parsed = parseDockerfile();
const runtime = parsed.stages.at(-1) as Stage;
const imageCmd = execForm(byKeyword(runtime, 'CMD').at(-1)) ?? [];
const imageHealthcheck = healthcheckCommand(byKeyword(runtime, 'HEALTHCHECK')[0]) ?? [];
const imageEnv = stageEnv(runtime);

const buildRoot = join(root, '.test-build');
const appDir = join(buildRoot, randomBytes(6).toString('hex'));
const cacheDir = mkdtempSync(join(tmpdir(), 'nmg-packaging-'));
const children: ChildProcess[] = [];

beforeAll(() => {
  mkdirSync(appDir, { recursive: true });
  // What `npm run build` runs (tsc -p tsconfig.build.json), with the output moved out of dist/.
  const tsc = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      join(appDir, 'dist'),
    ],
    { cwd: root, encoding: 'utf8', timeout: 110_000 },
  );
  if (tsc.status !== 0) {
    throw new Error(
      `tsc -p tsconfig.build.json failed (${tsc.status ?? tsc.signal}):\n${tsc.stdout}${tsc.stderr}`,
    );
  }
  // The image copies package.json beside dist/: its "type": "module" makes node load dist as ESM.
  copyFileSync(join(root, 'package.json'), join(appDir, 'package.json'));
  // The image also carries the recorded fixtures, for the offline replica.
  cpSync(join(root, 'fixtures'), join(appDir, 'fixtures'), { recursive: true });
}, 120_000);

afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(appDir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
  try {
    rmdirSync(buildRoot); // only when no other run is using it
  } catch {
    // not empty or already gone
  }
});

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the stdout line that says `listening`; rejects if the process exits first. */
  listening: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `command` in the build folder with only `env` (plus PATH): no variable leaks in from the tests. */
function run(command: string[], env: Record<string, string>): Started {
  const [program, ...args] = command;
  // `node` in the image is the image's node; here, the node running the tests.
  const executable = program === 'node' ? process.execPath : (program ?? '');
  const child = spawn(executable, args, {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cacheDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.includes('listening'));
      if (line) resolve(line);
    });
    void exit.then(({ code, signal }) =>
      reject(new Error(`exited (${code ?? signal}) before listening:\n${stdout}${stderr}`)),
    );
  });
  listening.catch(() => undefined);
  return { child, stdout: () => stdout, stderr: () => stderr, listening, exit };
}

/** Package names (`pkg`, `@scope/pkg`) that the compiled files reachable from `entry` import. */
function importedPackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports and re-exports, side-effect imports and dynamic import() with a literal (not a
    // flag such as '--import' inside a string).
    const specifiers = [...code.matchAll(/(?:\bfrom\s*|(?<![-\w])import\s*\(?\s*)(['"])([^'"\n]+)\1/g)].map(
      (match) => match[2] as string,
    );
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        if (existsSync(target)) pending.push(target);
      } else if (!isBuiltin(specifier)) {
        const parts = specifier.split('/');
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string));
      }
    }
  }
  return packages;
}

/** The environment of the runtime stage, with what a test run must change. */
function gatewayEnv(port: number, overrides: Record<string, string>): Record<string, string> {
  return {
    ...imageEnv,
    PORT: String(port),
    NEUROMORPHO_URL: 'http://127.0.0.1:9', // unreachable, and /healthz does not need it
    CACHE_DIR: cacheDir,
    CACHE_STORE: 'off',
    LOG_LEVEL: 'silent',
    ...overrides,
  };
}

describe("the image's start command against the built output", () => {
  it('is the exec-form `node dist/src/main.js`', () => {
    expect(imageCmd).toEqual(['node', 'dist/src/main.js']);
  });

  it('imports only production dependencies (the image installs no dev dependencies)', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    const imported = [...importedPackages(join(appDir, imageCmd[1] ?? ''))];
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((name) => !(name in (manifest.dependencies ?? {})))).toEqual([]);
  });

  it('listens, answers GET /healthz, passes the HEALTHCHECK and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const gateway = run(imageCmd, gatewayEnv(port, { HOST: '127.0.0.1' }));
    expect(await gateway.listening).toContain(`http://127.0.0.1:${port}/graphql`);

    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });

    const healthy = run(imageHealthcheck, { PORT: String(port) });
    expect((await healthy.exit).code).toBe(0);

    gateway.child.kill('SIGTERM');
    expect(await gateway.exit).toEqual({ code: 0, signal: null });
    expect(gateway.stderr()).toBe('');

    // And the HEALTHCHECK notices when the gateway is gone.
    const unhealthy = run(imageHealthcheck, { PORT: String(port) });
    expect((await unhealthy.exit).code).toBe(1);
  }, 30_000);

  it("starts with the image's HOST=0.0.0.0 when ADMIN_TOKEN is set (as docker-compose.yml does)", async () => {
    expect(imageEnv.HOST).toBe('0.0.0.0');
    const port = await freePort();
    const gateway = run(imageCmd, gatewayEnv(port, { ADMIN_TOKEN: randomBytes(16).toString('hex') }));
    expect(await gateway.listening).toContain(`:${port}/graphql`);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    gateway.child.kill('SIGTERM');
    expect(await gateway.exit).toEqual({ code: 0, signal: null });
  }, 30_000);

  it('refuses HOST=0.0.0.0 without ADMIN_TOKEN at once, naming ADMIN_TOKEN on stderr', async () => {
    const port = await freePort();
    const startedAt = Date.now();
    const gateway = run(imageCmd, gatewayEnv(port, { HOST: '0.0.0.0' }));
    const { code, signal } = await gateway.exit;
    expect(signal).toBeNull();
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(gateway.stderr()).toMatch(/ADMIN_TOKEN/);
    expect(gateway.stdout()).not.toMatch(/listening/);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  }, 30_000);
});

describe("the image's offline replica (docker-compose.yml, profile offline)", () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, { command?: string[]; image?: string; profiles?: string[] }>;
  };
  const replica = compose.services.replica;

  it('runs from the gateway image, only when asked for', () => {
    expect(replica?.image).toBe(compose.services['gateway-a']?.image);
    expect(replica?.profiles).toEqual(['offline']);
  });

  it('starts from the built output with the fixtures the image copies, and serves recorded answers', async () => {
    const port = await freePort();
    const command = (replica?.command ?? []).map((arg) => (arg === '8080' ? String(port) : arg));
    const hostAt = command.indexOf('--host');
    command[hostAt + 1] = '127.0.0.1'; // the container binds 0.0.0.0; a test stays on loopback
    const started = run(command, {});
    expect(await started.listening).toContain(`:${port}`);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    const recorded = (await (await fetch(`http://127.0.0.1:${port}/api/neuron/id/1`)).json()) as {
      neuron_id: number;
    };
    expect(recorded.neuron_id).toBe(1);
    started.child.kill('SIGTERM');
    expect((await started.exit).code).toBe(0);
  }, 30_000);
});

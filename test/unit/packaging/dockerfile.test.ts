import { existsSync } from 'node:fs';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  baseImage,
  byKeyword,
  execForm,
  healthcheckCommand,
  parseDockerfile,
  readProjectFile,
  root,
  type Stage,
  stageEnv,
} from '../../support/dockerfile-model.js';

// No Docker engine runs where the tests run, so the image is checked statically: dockerfile-utils
// (the validator behind the Docker VS Code extension) for syntax and Docker's own rules, and the
// parsed instructions for what the image promises. test/build/start-command.test.ts runs
// the image's start command and health check against a fresh build.

const CACHE_DIR = '/var/cache/neuromorpho-gateway';
const parsed = parseDockerfile();
const runtime = parsed.stages.at(-1) as Stage;

/** Validator findings as readable `line N: message` strings (Diagnostic lines are zero-based). */
function lint(text: string): string[] {
  return validate(text).map(
    (diagnostic) =>
      `line ${diagnostic.range.start.line + 1}: ${diagnostic.message} (severity ${diagnostic.severity})`,
  );
}

function runCommands(stage: Stage): string[] {
  return byKeyword(stage, 'RUN').map((instruction) => instruction.getArgumentsContent() ?? '');
}

describe('Dockerfile: lint', () => {
  it('the linter reports problems (so an empty report means something)', () => {
    const findings = lint(
      'from node:26 AS a\nFROM node:26 AS a\nWORKDIR app\nHEALTHCHECK --interval=5x CMD true\n',
    );
    expect(findings.join('\n')).toMatch(/duplicate name a/);
    expect(findings.join('\n')).toMatch(/WORKDIR paths should be absolute/);
    expect(findings.join('\n')).toMatch(/unknown unit x/);
  });

  it('has no errors and no warnings (dockerfile-utils, default rules)', () => {
    expect(lint(parsed.text)).toEqual([]);
  });
});

describe('Dockerfile: what the image promises', () => {
  it('installs exactly the lock file in every stage (npm ci, never npm install)', () => {
    const installs = parsed.stages
      .flatMap(runCommands)
      .filter((command) => /\bnpm (ci|install|i)\b/.test(command));
    expect(installs.length).toBeGreaterThanOrEqual(2);
    for (const command of installs) expect(command).toMatch(/^npm ci\b/);
  });

  it('carries the recorded fixtures, so the offline replica runs from the image', () => {
    const copies = byKeyword(runtime, 'COPY').map((i) => i.getArgumentsContent() ?? '');
    expect(copies).toContain('fixtures ./fixtures');
  });

  it('is multi-stage, every stage from the LTS that CI tests (node:26-bookworm-slim) pinned by tag', () => {
    expect(parsed.stages.length).toBeGreaterThanOrEqual(2);
    const names = parsed.stages.map((stage) => stage.name);
    expect(names).toContain('build');
    expect(runtime.name).toBe('runtime');
    for (const stage of parsed.stages)
      expect(baseImage(parsed, stage), `stage ${stage.name}`).toBe('node:26-bookworm-slim');
  });

  it('installs from the lock file, copied before the sources (layer caching)', () => {
    const build = parsed.stages.find((stage) => stage.name === 'build') as Stage;
    const keywordsAndArgs = build.instructions.map(
      (i) => `${i.getKeyword()} ${i.getArgumentsContent() ?? ''}`,
    );
    const manifests = keywordsAndArgs.findIndex((line) =>
      /^COPY package\.json package-lock\.json /.test(line),
    );
    const install = keywordsAndArgs.findIndex((line) => /^RUN npm (ci|install)\b/.test(line));
    const sources = keywordsAndArgs.findIndex((line) => /^COPY src\b/.test(line));
    const compile = keywordsAndArgs.findIndex((line) => /^RUN npm run build\b/.test(line));
    expect(manifests).toBeGreaterThanOrEqual(0);
    expect(manifests).toBeLessThan(install);
    expect(install).toBeLessThan(sources);
    expect(sources).toBeLessThan(compile);
    expect(
      keywordsAndArgs.some((line) => /^COPY \.\s/.test(line)),
      'no COPY . (fixtures, tests...)',
    ).toBe(false);
  });

  it('ships production dependencies only (--omit=dev)', () => {
    const everyRun = parsed.stages.flatMap(runCommands).join('\n');
    expect(everyRun).toMatch(/npm (ci|install|prune)\b[^\n]*--omit=dev/);
  });

  it('copies only what runs into the runtime stage: dist/src, node_modules, package.json, the replica fixtures', () => {
    const sources = byKeyword(runtime, 'COPY').flatMap((copy) => {
      const args = (copy.getArgumentsContent() ?? '').split(/\s+/);
      return args.slice(0, -1);
    });
    expect(sources.sort()).toEqual(['/app/dist/src', '/app/node_modules', 'fixtures', 'package.json']);
    expect(byKeyword(runtime, 'ADD')).toEqual([]);
  });

  it('installs tini without recommends and removes the apt lists in the same layer', () => {
    const apt = runCommands(runtime).find((run) => run.includes('apt-get install')) ?? '';
    expect(apt).toMatch(/apt-get update/);
    expect(apt).toMatch(/apt-get install -y --no-install-recommends (tini|dumb-init)\b/);
    expect(apt).toMatch(/rm -rf \/var\/lib\/apt\/lists\/\*/);
  });

  it('sets NODE_ENV=production, HOST=0.0.0.0, PORT=4000 (exposed) and the cache folder', () => {
    expect(stageEnv(runtime)).toMatchObject({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '4000',
      CACHE_DIR,
    });
    expect(byKeyword(runtime, 'EXPOSE').map((expose) => expose.getArgumentsContent())).toEqual(['4000']);
  });

  it('bakes in no secret: ADMIN_TOKEN and ALLOW_ANONYMOUS_WRITES are left to run time', () => {
    for (const stage of parsed.stages) {
      expect(Object.keys(stageEnv(stage))).not.toContain('ADMIN_TOKEN');
      expect(Object.keys(stageEnv(stage))).not.toContain('ALLOW_ANONYMOUS_WRITES');
    }
    expect(parsed.dockerfile.getARGs().map((arg) => arg.getProperty()?.getName())).not.toContain(
      'ADMIN_TOKEN',
    );
  });

  it('runs as a non-root user', () => {
    const users = byKeyword(runtime, 'USER').map((user) => (user.getArgumentsContent() ?? '').split(':')[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users.at(-1));
    expect(users.at(-1)).toBe('node');
  });

  it('declares the cache folder as a VOLUME, created and owned by that user first', () => {
    const volumes = byKeyword(runtime, 'VOLUME').flatMap((volume) => execForm(volume) ?? []);
    expect(volumes).toEqual([CACHE_DIR]);
    const volumeAt = runtime.instructions.findIndex((i) => i.getKeyword() === 'VOLUME');
    const chownAt = runtime.instructions.findIndex(
      (i) =>
        i.getKeyword() === 'RUN' && (i.getArgumentsContent() ?? '').includes(`chown node:node ${CACHE_DIR}`),
    );
    // Changes to a volume path after VOLUME are discarded, so ownership must be set before it.
    expect(chownAt).toBeGreaterThanOrEqual(0);
    expect(chownAt).toBeLessThan(volumeAt);
  });

  it('checks health with node itself on GET /healthz', () => {
    const healthchecks = byKeyword(runtime, 'HEALTHCHECK');
    expect(healthchecks).toHaveLength(1);
    const command = healthcheckCommand(healthchecks[0]);
    expect(command?.slice(0, 2)).toEqual(['node', '-e']);
    expect(command?.[2]).toMatch(
      /fetch\('http:\/\/127\.0\.0\.1:'\+\(process\.env\.PORT\|\|4000\)\+'\/healthz'/,
    );
  });

  it('runs an init process as PID 1 (signals reach node, zombies are reaped)', () => {
    const entrypoint = execForm(byKeyword(runtime, 'ENTRYPOINT').at(-1));
    expect(entrypoint).not.toBeNull();
    expect(['tini', 'dumb-init']).toContain(entrypoint?.[0]?.split('/').at(-1));
  });

  it('starts with `node dist/src/main.js`, exec form, which is what `npm start` runs after building', () => {
    const cmd = execForm(byKeyword(runtime, 'CMD').at(-1));
    expect(cmd).toEqual(['node', 'dist/src/main.js']);
    const scripts = (JSON.parse(readProjectFile('package.json')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.start?.trim().split(/\s+/)).toEqual(cmd);
    // `npm start` also runs prestart (a build with dev dependencies): the image must not use it.
    expect(scripts.prestart).toBe('npm run build');
  });
});

describe('.dockerignore', () => {
  const patterns = readProjectFile('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('keeps host builds, tests, git and secrets out of the build context', () => {
    for (const pattern of ['node_modules', 'dist', '.git', 'test', 'bench', 'coverage', '*.log', '.env']) {
      expect(patterns, pattern).toContain(pattern);
    }
  });

  it('keeps what the build stage copies', () => {
    for (const needed of [
      'src',
      'fixtures',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
    ]) {
      expect(
        patterns.some((pattern) => pattern === needed || needed.startsWith(`${pattern}/`)),
        needed,
      ).toBe(false);
      expect(existsSync(`${root}${needed}`), needed).toBe(true);
    }
  });
});

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] };
}

describe('docker-compose.yml', () => {
  const composeText = readProjectFile('docker-compose.yml');
  // merge: the two replicas share their settings through a YAML anchor and `<<` merge key.
  const compose = parse(composeText, { merge: true }) as {
    services: Record<string, ComposeService>;
    volumes?: Record<string, unknown>;
  };
  const services = compose.services;
  const gateways = ['gateway-a', 'gateway-b'].map((name) => ({
    name,
    service: services[name] as ComposeService,
  }));
  /** `${NAME:-default}` -> default, as compose substitutes it when NAME is not set. */
  const withDefaults = (value: string) => value.replace(/\$\{[A-Z_]+:?-([^}]*)\}/g, '$1');

  it('runs two gateway replicas built from this Dockerfile', () => {
    for (const { name, service } of gateways) {
      expect(service, name).toBeDefined();
      expect(service.build, name).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    }
    expect(gateways[0]?.service.image).toBe(gateways[1]?.service.image);
  });

  it('shares one Redis response cache', () => {
    const redis = services.redis as ComposeService;
    expect(redis.image).toMatch(/^redis:7-alpine$/);
    for (const { name, service } of gateways) {
      expect(service.environment?.CACHE_STORE, name).toBe('redis://redis:6379');
      expect(service.depends_on?.redis?.condition, name).toBe('service_healthy');
    }
  });

  it('mounts one named volume at the image CACHE_DIR in both replicas', () => {
    const imageCacheDir = stageEnv(runtime).CACHE_DIR;
    expect(imageCacheDir).toBe(CACHE_DIR);
    for (const { name, service } of gateways) {
      expect(service.volumes, name).toEqual([`neuron-cache:${imageCacheDir}`]);
      expect(service.environment?.CACHE_DIR ?? imageCacheDir, name).toBe(imageCacheDir);
    }
    expect(Object.keys(compose.volumes ?? {})).toContain('neuron-cache');
  });

  it('takes ADMIN_TOKEN from the environment, required, never written in the file', () => {
    for (const { name, service } of gateways) {
      expect(service.environment?.ADMIN_TOKEN, name).toMatch(/^\$\{ADMIN_TOKEN:\?[^}]+\}$/);
      expect(service.environment?.ALLOW_ANONYMOUS_WRITES, name).toBeUndefined();
    }
  });

  it('publishes exactly one port, the proxy, bound to 127.0.0.1 by default', () => {
    const published = Object.entries(services).flatMap(([name, service]) =>
      (service.ports ?? []).map((port) => ({ name, port: withDefaults(String(port)) })),
    );
    expect(published).toEqual([{ name: 'proxy', port: '127.0.0.1:4000:80' }]);
  });

  it('round-robins the proxy over both replicas on port 4000 (deploy/nginx.conf)', () => {
    const proxy = services.proxy as ComposeService;
    expect(proxy.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
    const nginx = readProjectFile('deploy/nginx.conf');
    const upstream = /upstream\s+(\w+)\s*\{([^}]*)\}/.exec(nginx);
    const servers = [...(upstream?.[2] ?? '').matchAll(/^\s*server\s+([\w.-]+:\d+)/gm)].map((m) => m[1]);
    expect(servers).toEqual(['gateway-a:4000', 'gateway-b:4000']);
    expect(upstream?.[2]).not.toMatch(/^\s*(least_conn|ip_hash|hash)\b/m);
    expect(nginx).toContain(`proxy_pass http://${upstream?.[1]};`);
    for (const { name } of gateways) expect(proxy.depends_on?.[name]?.condition).toBe('service_healthy');
  });

  it('gives every service a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test?.[0], name).toBe('CMD');
    }
    for (const { name, service } of gateways) {
      expect(service.healthcheck?.test?.slice(1), name).toEqual(
        healthcheckCommand(byKeyword(runtime, 'HEALTHCHECK')[0]),
      );
    }
  });

  it('documents every variable it substitutes in deploy/.env.example', () => {
    const used = new Set([...composeText.matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]));
    const example = readProjectFile('deploy/.env.example');
    const documented = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    expect([...used].filter((name) => !documented.has(name))).toEqual([]);
    // The example must not carry a usable token.
    expect(example).toMatch(/^ADMIN_TOKEN=$/m);
  });
});

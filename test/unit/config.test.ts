import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config.js';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('has safe defaults: loopback, port 4000, NeuroMorpho over https, per-user cache folder', () => {
    const config = loadConfig({ HOME: '/home/lab' });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.neuromorphoUrl).toBe('https://neuromorpho.org');
    expect(config.cacheDir).toBe('/home/lab/.cache/neuromorpho-gateway');
    expect(config.upstreamRetry.attempts).toBeGreaterThanOrEqual(1);
  });

  it('prefers XDG_CACHE_HOME for the cache folder', () => {
    expect(loadConfig({ HOME: '/h', XDG_CACHE_HOME: '/x' }).cacheDir).toBe('/x/neuromorpho-gateway');
  });

  it('reads the environment, and flags win over it', () => {
    const config = loadConfig(
      { PORT: '5000', NEUROMORPHO_URL: 'http://127.0.0.1:9/', UPSTREAM_RETRIES: '5' },
      ['--port', '6000', '--upstream-backoff-ms=10', '--cache-dir', 'off'],
    );
    expect(config.port).toBe(6000);
    expect(config.neuromorphoUrl).toBe('http://127.0.0.1:9/');
    expect(config.upstreamRetry).toMatchObject({ attempts: 5, baseMs: 10 });
    expect(config.cacheDir).toBeNull();
  });

  it('lists every problem at once', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        NEUROMORPHO_URL: 'ftp://x',
        UPSTREAM_RETRIES: '0',
        UPSTREAM_TIMEOUT_MS: '-3',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'NEUROMORPHO_URL', 'UPSTREAM_RETRIES', 'UPSTREAM_TIMEOUT_MS']) {
      expect(problems).toContain(name);
    }
  });

  it('rejects unknown flags and flags without a value', () => {
    expect(() => loadConfig({}, ['--colour', 'blue'])).toThrow(/unknown argument --colour/);
    expect(() => loadConfig({}, ['--port'])).toThrow(/--port needs a value/);
  });

  it('parses the site base once, into the URL bases every request is built from', () => {
    expect(loadConfig({ NEUROMORPHO_URL: 'HTTP://127.0.0.1:9/base/' }).site).toEqual({
      site: 'http://127.0.0.1:9/base',
      api: 'http://127.0.0.1:9/base/api',
      files: 'http://127.0.0.1:9/base/dableFiles',
      images: 'http://127.0.0.1:9/base/images',
    });
  });

  it('checks across settings even when single values are bad, and never repeats a token', () => {
    const problems = problemsOf(() =>
      loadConfig({ HOST: '0.0.0.0', ADMIN_TOKEN: 'short-secret', LOG_LEVEL: 'loud', PORT: '-1' }),
    );
    expect(problems).toEqual([
      'PORT must be an integer in 0..65535 (got "-1")',
      'ADMIN_TOKEN must be at least 16 characters long',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      expect.stringMatching(/^HOST 0\.0\.0\.0 is reachable from other machines: set ADMIN_TOKEN/),
    ]);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('reads every variable from its --kebab-case flag too', () => {
    for (const name of CONFIG_VARIABLES) {
      const flag = `--${name.toLowerCase().replaceAll('_', '-')}=not valid at all`;
      const problems = problemsOf(() => loadConfig({}, [flag]));
      expect(problems.join('\n'), flag).not.toMatch(/unknown argument/);
    }
  });

  it("README's configuration table lists every variable, and only those", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Configuration'), readme.indexOf('\n## Errors'));
    const documented = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]);
    expect(documented.toSorted()).toEqual(CONFIG_VARIABLES.toSorted());
  });
});

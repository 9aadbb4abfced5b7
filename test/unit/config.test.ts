import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

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
});

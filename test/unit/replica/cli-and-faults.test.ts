import { describe, expect, it } from 'vitest';
import { parseReplicaArgs } from '../../../src/replica/cli-args.js';
import { parseFaultSpec, validateFaultRule } from '../../../src/replica/fault-rule.js';
import { createFaultStore } from '../../../src/replica/http/fault-store.js';

describe('parseFaultSpec', () => {
  it('reads the CLI form', () => {
    expect(parseFaultSpec('route=/api/neuron/select,status=503,times=2')).toEqual({
      route: '/api/neuron/select',
      status: 503,
      times: 2,
    });
  });

  it('keeps commas inside an HTTP-date Retry-After and reads bare flags as true', () => {
    expect(parseFaultSpec('status=429,retryAfter=Wed, 21 Oct 2015 07:28:00 GMT,reset')).toEqual({
      status: 429,
      retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT',
      reset: true,
    });
  });

  it('reports every problem at once', () => {
    expect(() => parseFaultSpec('status=abc,times=0,probability=2,colour=red')).toThrow(
      /status must be a number; unknown key .colour.; times must be an integer >= 1; probability must be within 0\.\.1$/,
    );
    expect(() => validateFaultRule({ route: 'api' })).toThrow(/route must start with/);
    expect(() => validateFaultRule('nope')).toThrow(/must be an object/);
  });
});

describe('parseReplicaArgs', () => {
  it('reads every option, repeatable faults and large files', () => {
    expect(
      parseReplicaArgs([
        '--port',
        '8081',
        '--host=0.0.0.0',
        '--size',
        '100',
        '--seed',
        '3',
        '--fault',
        'route=/dableFiles,truncate',
        '--fault',
        'latencyMs=20',
        '--large-file',
        '700001=1000000',
        '--public-url',
        'http://replica:8081',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        port: 8081,
        host: '0.0.0.0',
        size: 100,
        seed: 3,
        faults: [{ route: '/dableFiles', truncate: true }, { latencyMs: 20 }],
        largeFiles: { 700001: 1000000 },
        publicUrl: 'http://replica:8081',
      },
    });
  });

  it('answers help, and rejects bad arguments with the usage', () => {
    expect(parseReplicaArgs(['--help'])).toEqual({ kind: 'help' });
    expect(() => parseReplicaArgs(['--port', 'x', '--bogus'])).toThrow(
      /--port needs an integer[\s\S]*unknown argument '--bogus'[\s\S]*Usage/,
    );
  });
});

describe('fault store', () => {
  it('applies times, then stops', () => {
    const store = createFaultStore(1);
    store.add({ route: '/api', status: 503, times: 2 });
    expect(store.decide('/api/health').answer?.status).toBe(503);
    expect(store.list()).toEqual([{ route: '/api', status: 503, times: 1 }]);
    expect(store.decide('/dableFiles/x').answer).toBeUndefined();
    expect(store.decide('/api/health').answer?.status).toBe(503);
    expect(store.decide('/api/health').answer).toBeUndefined();
    expect(store.list()).toEqual([]);
  });

  it('adds latencies and lets the first answer-changing rule decide', () => {
    const store = createFaultStore(1);
    store.add({ latencyMs: 5 });
    store.add({ route: '/api', status: 500, times: 1 });
    store.add({ route: '/api', status: 429, latencyMs: 7, times: 1 });
    expect(store.decide('/api/x')).toMatchObject({ latencyMs: 5, answer: { status: 500 } });
    expect(store.decide('/api/x')).toMatchObject({ latencyMs: 12, answer: { status: 429 } });
    expect(store.decide('/api/x')).toEqual({ latencyMs: 5, answer: undefined });
  });

  it('draws probabilities from the seed: same seed, same sequence', () => {
    const draws = (seed: number) => {
      const store = createFaultStore(seed);
      store.add({ status: 503, probability: 0.5 });
      return Array.from({ length: 40 }, () => store.decide('/api').answer !== undefined);
    };
    expect(draws(1)).toEqual(draws(1));
    expect(draws(1)).not.toEqual(draws(2));
    expect(draws(1).filter(Boolean).length).toBeGreaterThan(5);
    expect(draws(1).filter(Boolean).length).toBeLessThan(35);
  });
});

import { describe, expect, it } from 'vitest';
import { parseFaultSpec, validateFaultRule } from '../../../src/replica/fault-rule.js';
import { createFaultStore } from '../../../src/replica/http/fault-store.js';

describe('body-shaping fault rules', () => {
  it('read from the CLI form', () => {
    expect(parseFaultSpec('route=/api,padBytes=1000,chunked')).toEqual({
      route: '/api',
      padBytes: 1000,
      chunked: true,
    });
    expect(parseFaultSpec('route=/dableFiles,trickleMs=250')).toEqual({
      route: '/dableFiles',
      trickleMs: 250,
    });
  });

  it('are validated', () => {
    expect(() => validateFaultRule({ padBytes: -1 })).toThrow(/padBytes must be an integer >= 0/);
    expect(() => validateFaultRule({ padBytes: 1.5 })).toThrow(/padBytes/);
    expect(() => validateFaultRule({ trickleMs: -5 })).toThrow(/trickleMs must be >= 0/);
    expect(() => validateFaultRule({ chunked: 'yes' })).toThrow(/chunked must be a boolean/);
  });

  it('decide the answer like the other answer-changing rules: the first one wins', () => {
    const store = createFaultStore(1);
    store.add({ route: '/api', padBytes: 10, chunked: true, times: 1 });
    store.add({ route: '/api', status: 503, times: 1 });
    expect(store.decide('/api/health').answer).toMatchObject({ padBytes: 10, chunked: true });
    expect(store.decide('/api/health').answer?.status).toBe(503);
  });
});

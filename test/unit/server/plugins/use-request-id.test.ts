import { describe, expect, it } from 'vitest';
import { useNotFound } from '../../../../src/server/plugins/use-not-found.js';
import { requestIdFrom, useRequestId } from '../../../../src/server/plugins/use-request-id.js';
import { servePlugins } from './plugin-server.js';

describe('requestIdFrom', () => {
  it('keeps a sane id and replaces a missing, malformed or over-long one', () => {
    expect(requestIdFrom('lab-script:42.a_b')).toBe('lab-script:42.a_b');
    for (const bad of [null, '', 'bad id', 'a, b', 'x'.repeat(65)])
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('useRequestId', () => {
  it('puts the id in the server context and on the answer', async () => {
    const { url, seen } = await servePlugins([useRequestId()]);
    const answer = await fetch(`${url}/graphql`, { headers: { 'x-request-id': 'trace-7' } });
    expect(answer.headers.get('x-request-id')).toBe('trace-7');
    expect(seen[0]?.context.requestId).toBe('trace-7');
  });

  it('also on answers a later plugin ends early, and a fresh id for each request without one', async () => {
    const { url } = await servePlugins([useRequestId(), useNotFound('/graphql')]);
    const [first, second] = await Promise.all([fetch(`${url}/nothing`), fetch(`${url}/nothing`)]);
    expect(first?.status).toBe(404);
    expect(first?.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.headers.get('x-request-id')).not.toBe(first?.headers.get('x-request-id'));
  });
});

import { describe, expect, it } from 'vitest';
import { checkWriteAccess } from '../../../src/server/write-access.js';

const request = (headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1:4000/graphql', { method: 'POST', headers });
const codeOf = (run: () => void) => {
  try {
    run();
    return 'OK';
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('checkWriteAccess', () => {
  const tokenPolicy = {
    adminToken: 'sixteen-chars-token',
    listensOnLoopback: false,
    allowAnonymousWrites: false,
  };
  const loopback = { adminToken: null, listensOnLoopback: true, allowAnonymousWrites: false };

  it('with a token: missing is UNAUTHENTICATED, wrong is FORBIDDEN, right passes', () => {
    expect(codeOf(() => checkWriteAccess(tokenPolicy, request()))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => checkWriteAccess(tokenPolicy, request({ authorization: 'Basic abc' })))).toBe(
      'UNAUTHENTICATED',
    );
    expect(codeOf(() => checkWriteAccess(tokenPolicy, request({ authorization: 'Bearer nope' })))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(() => checkWriteAccess(tokenPolicy, request({ authorization: 'Bearer sixteen-chars-token' }))),
    ).toBe('OK');
  });

  it('without a token: loopback writes pass unless another origin asks', () => {
    expect(codeOf(() => checkWriteAccess(loopback, request()))).toBe('OK');
    expect(codeOf(() => checkWriteAccess(loopback, request({ origin: 'http://127.0.0.1:4000' })))).toBe('OK');
    expect(codeOf(() => checkWriteAccess(loopback, request({ origin: 'https://evil.example' })))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(() => checkWriteAccess(loopback, request({ origin: 'null' })))).toBe('FORBIDDEN');
  });

  it('without a token on an exposed address: only with ALLOW_ANONYMOUS_WRITES', () => {
    const exposed = { adminToken: null, listensOnLoopback: false, allowAnonymousWrites: false };
    expect(codeOf(() => checkWriteAccess(exposed, request()))).toBe('FORBIDDEN');
    expect(codeOf(() => checkWriteAccess({ ...exposed, allowAnonymousWrites: true }, request()))).toBe('OK');
  });
});

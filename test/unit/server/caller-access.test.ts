import { describe, expect, it } from 'vitest';
import { createCallerAccess } from '../../../src/server/caller-access.js';
import { createHostTrust } from '../../../src/server/host-trust.js';
import type { WriteAccessPolicy } from '../../../src/server/write-access.js';

const hosts = createHostTrust({
  listenHost: '127.0.0.1',
  listensOnLoopback: true,
  allowedHosts: ['gateway.lab.example'],
  port: () => 4000,
});
const loopback: WriteAccessPolicy = {
  adminToken: null,
  listensOnLoopback: true,
  allowAnonymousWrites: false,
  hosts,
};
const request = (url: string, headers: Record<string, string> = {}) =>
  new Request(url, { method: 'POST', headers });

describe('createCallerAccess', () => {
  it('judges writers, paths and origin as the write check does', () => {
    const access = createCallerAccess(loopback, 'writers');
    expect(access(request('http://127.0.0.1:4000/graphql'))).toEqual({
      mayWrite: true,
      showPaths: true,
      origin: 'http://127.0.0.1:4000',
    });
    expect(access(request('http://127.0.0.1:4000/graphql', { origin: 'https://evil.example' }))).toEqual({
      mayWrite: false,
      showPaths: false,
      origin: 'http://127.0.0.1:4000',
    });
    expect(access(request('http://rebound.example:4000/graphql')).mayWrite).toBe(false);
    expect(createCallerAccess(loopback, 'all')(request('http://rebound.example:4000/')).showPaths).toBe(true);
    expect(createCallerAccess(loopback, 'none')(request('http://127.0.0.1:4000/')).showPaths).toBe(false);
  });

  it('is judged once per request and separately for each request', () => {
    const access = createCallerAccess(loopback, 'writers');
    const one = request('http://127.0.0.1:4000/graphql');
    expect(access(one)).toBe(access(one));
    const other = request('http://127.0.0.1:4000/graphql', { origin: 'https://evil.example' });
    expect(access(other)).not.toBe(access(one));
    expect(access(other).mayWrite).toBe(false);
  });
});

describe('host verdicts', () => {
  it('stay right past the bound of remembered hosts, for long hosts too', () => {
    for (let i = 0; i < 600; i++) expect(hosts.isTrustedHost(`rebound-${i}.example`)).toBe(false);
    expect(hosts.isTrustedHost('gateway.lab.example')).toBe(true);
    expect(hosts.isTrustedHost('127.0.0.1:4000')).toBe(true);
    const long = `${'a'.repeat(300)}.example`;
    expect(hosts.isTrustedHost(long)).toBe(false);
    expect(hosts.isTrustedHost(long)).toBe(false);
    expect(hosts.isTrustedHost('localhost')).toBe(true);
    expect(hosts.isTrustedHost('bad host')).toBe(false);
  });
});

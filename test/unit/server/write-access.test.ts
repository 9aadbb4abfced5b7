import { describe, expect, it } from 'vitest';
import { createHostTrust } from '../../../src/server/host-trust.js';
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

const hostsFor = (listenHost: string, allowedHosts: string[] = []) =>
  createHostTrust({
    listenHost,
    listensOnLoopback: listenHost === '127.0.0.1',
    allowedHosts,
    port: () => 4000,
  });

describe('checkWriteAccess', () => {
  const tokenPolicy = {
    adminToken: 'sixteen-chars-token',
    listensOnLoopback: false,
    allowAnonymousWrites: false,
    hosts: hostsFor('0.0.0.0'),
  };
  const loopback = {
    adminToken: null,
    listensOnLoopback: true,
    allowAnonymousWrites: false,
    hosts: hostsFor('127.0.0.1'),
  };

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
    const exposed = {
      adminToken: null,
      listensOnLoopback: false,
      allowAnonymousWrites: false,
      hosts: hostsFor('0.0.0.0'),
    };
    expect(codeOf(() => checkWriteAccess(exposed, request()))).toBe('FORBIDDEN');
    expect(codeOf(() => checkWriteAccess({ ...exposed, allowAnonymousWrites: true }, request()))).toBe('OK');
  });
});

describe('anonymous writes judge hosts and origins by the configuration only', () => {
  const loopback = {
    adminToken: null,
    listensOnLoopback: true,
    allowAnonymousWrites: false,
    hosts: hostsFor('127.0.0.1'),
  };
  const at = (url: string, headers: Record<string, string> = {}) =>
    new Request(url, { method: 'POST', headers });

  it('a rebound DNS name is refused even when Origin matches the Host it sent', () => {
    const rebound = at('http://rebind.example:4000/graphql', { origin: 'http://rebind.example:4000' });
    expect(codeOf(() => checkWriteAccess(loopback, rebound))).toBe('FORBIDDEN');
    expect(codeOf(() => checkWriteAccess(loopback, at('http://rebind.example:4000/graphql')))).toBe(
      'FORBIDDEN',
    );
  });

  it("the gateway's own loopback origins pass, on its own port only", () => {
    for (const origin of ['http://127.0.0.1:4000', 'http://localhost:4000', 'http://[::1]:4000'])
      expect(codeOf(() => checkWriteAccess(loopback, at('http://localhost:4000/graphql', { origin })))).toBe(
        'OK',
      );
    const devServer = at('http://127.0.0.1:4000/graphql', { origin: 'http://localhost:5173' });
    expect(codeOf(() => checkWriteAccess(loopback, devServer))).toBe('FORBIDDEN');
  });

  it('an ALLOWED_HOSTS name is trusted, directly or through a proxy on the default ports', () => {
    const allowed = { ...loopback, hosts: hostsFor('127.0.0.1', ['neurons.lab.example']) };
    const direct = at('http://neurons.lab.example:4000/graphql', {
      origin: 'http://neurons.lab.example:4000',
    });
    const proxied = at('https://neurons.lab.example/graphql', { origin: 'https://neurons.lab.example' });
    const otherPort = at('https://neurons.lab.example/graphql', {
      origin: 'https://neurons.lab.example:8888',
    });
    expect(codeOf(() => checkWriteAccess(allowed, direct))).toBe('OK');
    expect(codeOf(() => checkWriteAccess(allowed, proxied))).toBe('OK');
    expect(codeOf(() => checkWriteAccess(allowed, otherPort))).toBe('FORBIDDEN');
  });
});

describe('createHostTrust', () => {
  it('trusts IP literals, localhost and listed names; guards every request on loopback', () => {
    const hosts = hostsFor('127.0.0.1', ['.lab.example', 'gw.example:8443']);
    for (const host of [
      '127.0.0.1:4000',
      '[::1]:4000',
      '192.0.2.7',
      'localhost:1',
      'app.localhost',
      'lab.example',
    ])
      expect(hosts.isTrustedHost(host)).toBe(true);
    for (const host of ['a.b.lab.example:4000', 'gw.example:8443'])
      expect(hosts.isTrustedHost(host)).toBe(true);
    for (const host of ['rebind.example:4000', 'gw.example:4000', 'lab.example.evil.com', 'a b', ''])
      expect(hosts.isTrustedHost(host)).toBe(false);
    expect(hosts.guardsEveryRequest).toBe(true);
    expect(hostsFor('0.0.0.0').guardsEveryRequest).toBe(false);
    expect(hostsFor('0.0.0.0', ['lab.example']).guardsEveryRequest).toBe(true);
  });

  it('counts a specific listening address as its own origin, a wildcard one not', () => {
    expect(hostsFor('192.0.2.7').isOwnOrigin('http://192.0.2.7:4000')).toBe(true);
    expect(hostsFor('0.0.0.0').isOwnOrigin('http://0.0.0.0:4000')).toBe(false);
    expect(hostsFor('0.0.0.0').isOwnOrigin('http://192.0.2.7:4000')).toBe(false);
    expect(hostsFor('127.0.0.1').isOwnOrigin('null')).toBe(false);
    expect(hostsFor('127.0.0.1').isOwnOrigin('http://127.0.0.1:4000/')).toBe(false);
  });
});

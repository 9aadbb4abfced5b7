import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const TOKEN = 'a-long-admin-token-for-tests';
const replica = await startReplica({ size: 20 });
const guarded = await startGateway(replica.url, { CACHE_DIR: await tempDir(), ADMIN_TOKEN: TOKEN });
const open = await startGateway(replica.url, { CACHE_DIR: await tempDir() });
const disabled = await startGateway(replica.url, { CACHE_DIR: 'off' });

const download = (dryRun: boolean) => ({
  query: 'mutation($id:Int!,$dry:Boolean!){ downloadNeuron(id:$id, mode: STANDARD, dryRun:$dry){ dryRun } }',
  variables: { id: 1, dry: dryRun },
});

async function codeOf(response: Response): Promise<unknown> {
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return body.errors?.[0]?.extensions?.code ?? 'OK';
}

describe('write access with ADMIN_TOKEN', () => {
  it('a write without a token is UNAUTHENTICATED', async () => {
    expect(await codeOf(await guarded.post(download(false)))).toBe('UNAUTHENTICATED');
    expect(await codeOf(await guarded.post({ query: 'mutation { clearCache }' }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(await guarded.post({ query: 'mutation { removeCachedNeuron(id: 1) }' }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('a wrong token is FORBIDDEN', async () => {
    const response = await guarded.post(download(false), { authorization: 'Bearer not-the-token-at-all' });
    expect(await codeOf(response)).toBe('FORBIDDEN');
  });

  it('the right token may write, from any origin', async () => {
    const response = await guarded.post(download(false), {
      authorization: `Bearer ${TOKEN}`,
      origin: 'https://lab-frontend.example',
    });
    expect(await codeOf(response)).toBe('OK');
  });

  it('a dry run writes nothing and needs no token', async () => {
    expect(await codeOf(await guarded.post(download(true)))).toBe('OK');
  });

  it('never echoes the token in errors', async () => {
    const response = await guarded.post(download(false), { authorization: 'Bearer wrong-token-value-123' });
    expect(await response.text()).not.toContain('wrong-token-value-123');
  });
});

describe('write access without a token (loopback only)', () => {
  it('a local script may write', async () => {
    expect(await codeOf(await open.post(download(false)))).toBe('OK');
  });

  it('a page served by the gateway itself may write', async () => {
    expect(await codeOf(await open.post(download(false), { origin: open.url }))).toBe('OK');
  });

  it('a page on another origin may not (CSRF)', async () => {
    const response = await open.post(download(false), { origin: 'https://evil.example' });
    expect(await codeOf(response)).toBe('FORBIDDEN');
    const clear = await open.post({ query: 'mutation { clearCache }' }, { origin: 'http://localhost:9999' });
    expect(await codeOf(clear)).toBe('FORBIDDEN');
  });

  it('a mutation over GET is refused', async () => {
    const response = await fetch(
      `${open.graphqlUrl}?query=${encodeURIComponent('mutation { clearCache }')}`,
      {
        headers: { accept: 'application/graphql-response+json' },
      },
    );
    expect(response.status).toBe(405);
  });
});

describe('start-up rules', () => {
  it('refuses a non-loopback address without a token', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/ADMIN_TOKEN/);
    expect(() => loadConfig({ HOST: '192.168.1.10' })).toThrow(/ADMIN_TOKEN/);
  });

  it('accepts it with a token, or with ALLOW_ANONYMOUS_WRITES=true', () => {
    expect(loadConfig({ HOST: '0.0.0.0', ADMIN_TOKEN: TOKEN }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_ANONYMOUS_WRITES: 'true' }).allowAnonymousWrites).toBe(true);
  });

  it('treats 127.x, ::1 and localhost as loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost'])
      expect(loadConfig({ HOST: host }).host).toBe(host);
  });
});

describe('cache disabled', () => {
  it('downloads and cache queries answer CACHE_NOT_CONFIGURED', async () => {
    expect(await codeOf(await disabled.post(download(false)))).toBe('CACHE_NOT_CONFIGURED');
    expect(await codeOf(await disabled.post({ query: '{ cachedNeurons { neuronId } }' }))).toBe(
      'CACHE_NOT_CONFIGURED',
    );
  });

  it('cacheStatus still answers, as not configured', async () => {
    const result = await disabled.execute<{ neuron: { cacheStatus: unknown } }, undefined>(
      '{ neuron(id: 1) { cacheStatus { configured folder exists } } }',
    );
    expect(result.data?.neuron.cacheStatus).toEqual({ configured: false, folder: null, exists: false });
  });
});

describe('behind a trusted reverse proxy', () => {
  it('links cached files and checks the origin with the forwarded protocol and host', async () => {
    // The public name must be listed: a name the gateway does not know could be a rebound DNS name.
    const proxied = await startGateway(replica.url, {
      CACHE_DIR: await tempDir(),
      TRUST_PROXY: 'true',
      ALLOWED_HOSTS: 'neurons.lab.example',
    });
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'neurons.lab.example' };
    const response = await proxied.post(
      { query: 'mutation { downloadNeuron(id: 1, mode: STANDARD) { items { localUrl } } }' },
      { ...forwarded, origin: 'https://neurons.lab.example' },
    );
    const body = (await response.json()) as {
      data: { downloadNeuron: { items: Array<{ localUrl: string }> } };
    };
    expect(body.data.downloadNeuron.items[0]?.localUrl).toBe(
      'https://neurons.lab.example/files/1/cnic_001.CNG.swc',
    );
    const elsewhere = await proxied.post(download(false), { ...forwarded, origin: 'https://evil.example' });
    expect(await codeOf(elsewhere)).toBe('FORBIDDEN');
  });

  it('ignores forwarded headers unless told to trust them', async () => {
    const response = await open.post(
      { query: 'mutation { downloadNeuron(id: 1, mode: STANDARD, overwrite: true) { items { localUrl } } }' },
      { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'spoofed.example' },
    );
    expect(JSON.stringify(await response.json())).toContain(`${open.url}/files/1/`);
  });
});

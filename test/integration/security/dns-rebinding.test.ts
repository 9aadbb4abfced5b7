/**
 * DNS rebinding: a page at http://rebind.example:<port> whose name is re-pointed at 127.0.0.1 talks to
 * the local gateway "same-origin": its Host and Origin headers agree with each other. The gateway must
 * refuse it because the name is not one it is served under, whatever the headers say.
 */
import { describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { codeOf, expectRefusal, launchBrowser, rawRequest, snapshot } from './support.js';

const replica = await startReplica({ size: 50 });
const browser = await launchBrowser(['rebind.example']);

/** A gateway with neuron 1 already in its cache, downloaded by a local script (which may write). */
async function gatewayWithCachedNeuron(env: Record<string, string> = {}) {
  const cacheDir = await tempDir();
  const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir, ...env });
  const seeded = await gateway.post({
    query: 'mutation { downloadNeuron(id: 1, mode: STANDARD) { dryRun } }',
  });
  expect(await seeded.json()).toEqual({ data: { downloadNeuron: { dryRun: false } } });
  return { gateway, cacheDir, port: Number(new URL(gateway.url).port) };
}

type Outcome = { status: number; body: string };

/** The attacker's script, run in the page: writes, a read of absolute paths and a cached file, all same-origin. */
async function attackScript(): Promise<Outcome[]> {
  const send = (path: string, init?: RequestInit) =>
    fetch(path, init).then(async (r) => ({ status: r.status, body: await r.text() }));
  const post = (query: string) =>
    send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
  // One after another, so the outcome of each does not depend on the others' timing.
  return [
    await post('mutation { clearCache }'),
    await post('mutation { downloadNeuron(id: 37, mode: STANDARD) { folder } }'),
    await post('mutation { removeCachedNeuron(id: 1) }'),
    await post('{ cachedNeurons { neuronId folder } }'),
    await send('/files/1/cnic_001.CNG.swc'),
  ];
}

/**
 * Opens a page under the rebound name, as the browser sees it once the name points at 127.0.0.1 (the
 * attacker's own server served the page before that; here its document comes from the gateway, which
 * only fixes the page's origin), then runs the attacker's script in it. Every request goes over real
 * HTTP to the gateway, with the Host and Origin a browser sends.
 */
async function attackFrom(gateway: TestGateway): Promise<Outcome[]> {
  const origin = `http://rebind.example:${new URL(gateway.url).port}`;
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  expect(await page.evaluate(() => window.location.origin)).toBe(origin);
  const outcomes = await page.evaluate(attackScript);
  await page.close();
  return outcomes;
}

describe('a DNS-rebinding page in a real browser', () => {
  it('can neither write nor read: every request is refused with HOST_NOT_ALLOWED, the disk is untouched', async () => {
    const { gateway, cacheDir } = await gatewayWithCachedNeuron();
    const before = await snapshot(cacheDir);
    const outcomes = await attackFrom(gateway);
    for (const outcome of outcomes) expectRefusal(outcome, 403, 'HOST_NOT_ALLOWED');
    expect(outcomes.map((outcome) => outcome.body).join('')).not.toContain(cacheDir);
    expect(await snapshot(cacheDir)).toEqual(before);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['1/cnic_001.CNG.swc', '1/metadata.json']));
  }, 60_000);

  it('the same attack does reach a gateway told to trust that name (the test can see a breach)', async () => {
    const { gateway, cacheDir } = await gatewayWithCachedNeuron({ ALLOWED_HOSTS: 'rebind.example' });
    const [clear, download, , read] = await attackFrom(gateway);
    expect(clear).toMatchObject({ status: 200 });
    expect(codeOf(clear?.body ?? '')).toBe('OK');
    expect(codeOf(download?.body ?? '')).toBe('OK');
    expect(read?.body).toContain(cacheDir);
    expect(Object.keys(await snapshot(cacheDir))).toEqual(
      expect.arrayContaining(['37/cnic_013.CNG.swc', '37/metadata.json']),
    );
  }, 60_000);
});

describe('Host checks without a browser', () => {
  it('a matching Host and Origin under an unknown name are refused on every route', async () => {
    const { port, cacheDir } = await gatewayWithCachedNeuron();
    const before = await snapshot(cacheDir);
    const rebound = { host: `rebind.example:${port}`, origin: `http://rebind.example:${port}` };
    const write = await rawRequest(port, { headers: rebound, body: '{"query":"mutation { clearCache }"}' });
    expectRefusal(write, 403, 'HOST_NOT_ALLOWED');
    for (const path of [
      '/healthz',
      '/metrics',
      '/files/1/cnic_001.CNG.swc',
      '/graphql?query=%7B__typename%7D',
    ]) {
      expectRefusal(
        await rawRequest(port, { method: 'GET', path, headers: rebound }),
        403,
        'HOST_NOT_ALLOWED',
      );
    }
    expect(await snapshot(cacheDir)).toEqual(before);
  });

  it('loopback names with the port, and IP addresses, are served; a missing or malformed Host is refused', async () => {
    const { port } = await gatewayWithCachedNeuron();
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const answer = await rawRequest(port, { headers: { host }, body: '{"query":"{ __typename }"}' });
      expect(answer.body).toBe('{"data":{"__typename":"Query"}}');
    }
    expectRefusal(await rawRequest(port, { headers: { host: 'a/b' }, body: '{}' }), 400, 'BAD_HOST');
  });

  it('an anonymous write from the own page passes only under the own origin, never one built from Host', async () => {
    const { port, cacheDir } = await gatewayWithCachedNeuron();
    const before = await snapshot(cacheDir);
    // Host and Origin agree, and the Host is a loopback name, but not this gateway's port: some other
    // local page (a dev server on 5173) may not write.
    const devServer = { host: 'localhost:5173', origin: 'http://localhost:5173' };
    const refused = await rawRequest(port, {
      headers: devServer,
      body: '{"query":"mutation { clearCache }"}',
    });
    expect(codeOf(refused.body)).toBe('FORBIDDEN');
    expect(await snapshot(cacheDir)).toEqual(before);
    const own = { host: `localhost:${port}`, origin: `http://localhost:${port}` };
    const allowed = await rawRequest(port, { headers: own, body: '{"query":"mutation { clearCache }"}' });
    expect(JSON.parse(allowed.body)).toEqual({ data: { clearCache: 1 } });
  });

  it('a flood of made-up Host names, long ones too, never changes a verdict (the remembered ones are bounded)', async () => {
    const { port, cacheDir } = await gatewayWithCachedNeuron();
    const before = await snapshot(cacheDir);
    const write = '{"query":"mutation { clearCache }"}';
    // More names than the gateway remembers (256), so the map is emptied and refilled along the way.
    for (let i = 0; i < 600; i++) {
      const host = i % 3 === 0 ? `${'x'.repeat(250)}-${i}.example:${port}` : `rebind-${i}.example:${port}`;
      const answer = await rawRequest(port, { headers: { host, origin: `http://${host}` }, body: write });
      expectRefusal(answer, 403, 'HOST_NOT_ALLOWED');
    }
    expect(await snapshot(cacheDir)).toEqual(before);
    const own = await rawRequest(port, {
      headers: { host: `127.0.0.1:${port}` },
      body: '{"query":"{ __typename }"}',
    });
    expect(own.body).toBe('{"data":{"__typename":"Query"}}');
    expectRefusal(
      await rawRequest(port, { headers: { host: `rebind-1.example:${port}` }, body: write }),
      403,
      'HOST_NOT_ALLOWED',
    );
  });
});

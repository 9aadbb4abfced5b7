/**
 * What pages on other origins may read, and send. CORS echoes only the origins CORS_ORIGINS lists (by
 * default dev servers on this machine), never with credentials, and approves only the headers the
 * gateway reads. Absolute paths go only to callers that may write. Forms, multipart and
 * application/graphql, which any page can send without a preflight, are refused with 415.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { expectRefusal, launchBrowser, rawRequest, serveAttackerPage, snapshot } from './support.js';

const TOKEN = 'an-admin-token-for-the-cors-tests';
const replica = await startReplica({ size: 50 });

async function gatewayWithCachedNeuron(env: Record<string, string> = {}) {
  const cacheDir = await tempDir();
  const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir, ...env });
  const seeded = await gateway.post(
    { query: 'mutation { downloadNeuron(id: 1, mode: STANDARD) { dryRun } }' },
    env.ADMIN_TOKEN ? { authorization: `Bearer ${env.ADMIN_TOKEN}` } : {},
  );
  expect(await seeded.json()).toEqual({ data: { downloadNeuron: { dryRun: false } } });
  return { gateway, cacheDir, port: Number(new URL(gateway.url).port) };
}

const preflight = (port: number, origin: string, headers = 'content-type') =>
  rawRequest(port, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });

describe('CORS', () => {
  it('by default, dev servers on this machine may read, without credentials and only with the headers used', async () => {
    const { port } = await gatewayWithCachedNeuron();
    const answer = await preflight(
      port,
      'http://localhost:5173',
      'content-type,authorization,x-forwarded-host',
    );
    expect(answer.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    expect(answer.headers['access-control-allow-headers']).toBe(
      'accept, authorization, content-type, x-request-id',
    );
    expect(answer.headers.vary).toMatch(/origin/i);
    for (const origin of ['http://127.0.0.1:3000', 'http://[::1]:8080'])
      expect((await preflight(port, origin)).headers['access-control-allow-origin']).toBe(origin);
  });

  it('by default, a site gets no CORS answer at all, so the browser keeps the response from it', async () => {
    const { port } = await gatewayWithCachedNeuron();
    for (const origin of [
      'https://evil.example',
      'http://localhost.evil.example:80',
      'null',
      'https://localhost:5173',
    ]) {
      const answer = await preflight(port, origin);
      expect(answer.headers['access-control-allow-origin'], origin).toBeUndefined();
      expect(answer.headers['access-control-allow-credentials'], origin).toBeUndefined();
      const post = await rawRequest(port, { headers: { origin }, body: '{"query":"{ __typename }"}' });
      expect(post.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
  });

  it('CORS_ORIGINS=* lets any origin read, still without credentials; a list allows exactly its entries', async () => {
    const open = await gatewayWithCachedNeuron({ CORS_ORIGINS: '*' });
    const any = await preflight(open.port, 'https://anywhere.example');
    expect(any.headers['access-control-allow-origin']).toBe('https://anywhere.example');
    expect(any.headers['access-control-allow-credentials']).toBeUndefined();
    const listed = await gatewayWithCachedNeuron({
      CORS_ORIGINS: 'https://lab.example, https://viewer.lab.example',
    });
    expect(
      (await preflight(listed.port, 'https://viewer.lab.example')).headers['access-control-allow-origin'],
    ).toBe('https://viewer.lab.example');
    expect(
      (await preflight(listed.port, 'http://localhost:5173')).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });

  it('refuses a malformed CORS_ORIGINS or ALLOWED_HOSTS at start', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'lab.example' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://lab.example/path' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_HOSTS: 'http://lab.example' })).toThrow(/ALLOWED_HOSTS/);
  });
});

describe('requests a page can send without a preflight', () => {
  it('form, multipart, text and application/graphql POSTs are refused with 415, before anything runs', async () => {
    const { port, cacheDir } = await gatewayWithCachedNeuron();
    const before = await snapshot(cacheDir);
    const bodies: Array<[string, string]> = [
      ['application/x-www-form-urlencoded', 'query=mutation%20%7B%20clearCache%20%7D'],
      [
        'multipart/form-data; boundary=b',
        '--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"mutation { clearCache }"}\r\n--b--\r\n',
      ],
      ['text/plain', '{"query":"mutation { clearCache }"}'],
      ['application/graphql', 'mutation { clearCache }'],
    ];
    for (const [contentType, body] of bodies) {
      const answer = await rawRequest(port, { headers: { 'content-type': contentType }, body });
      expectRefusal(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await snapshot(cacheDir)).toEqual(before);
  });

  it('a real cross-site form submission in a browser gets the 415 and changes nothing', async () => {
    const { gateway, cacheDir } = await gatewayWithCachedNeuron();
    const before = await snapshot(cacheDir);
    const browser = await launchBrowser(['attacker.example']);
    for (const enctype of ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']) {
      const attacker = await serveAttackerPage(
        `<!doctype html><form method="POST" action="${gateway.graphqlUrl}" enctype="${enctype}">
           <input name="query" value="{ cachedNeurons { neuronId folder } }"></form>`,
      );
      const page = await browser.newPage();
      await page.goto(`http://attacker.example:${attacker.port}/`);
      await Promise.all([
        page.waitForURL(gateway.graphqlUrl),
        page.locator('form').evaluate((f: HTMLFormElement) => f.submit()),
      ]);
      const shown = (await page.locator('body').textContent()) ?? '';
      expect(JSON.parse(shown), enctype).toMatchObject({
        errors: [{ extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }],
      });
      expect(shown).not.toContain(cacheDir);
      await page.close();
    }
    expect(await snapshot(cacheDir)).toEqual(before);
  }, 60_000);
});

describe('refusals made in front of GraphQL', () => {
  // 20 requests in windows of 20 s: the 21st and 22nd are refused, whatever the clock does meanwhile.
  const LIMITED = { RATE_LIMIT_RPS: '1', RATE_LIMIT_BURST: '20' };
  const FETCHES = 22;

  /** What a page's fetch() sees of POSTs in a row: the status, Retry-After and code, or the error. */
  async function fetchesFrom(pageUrl: string, target: string) {
    const browser = await launchBrowser(['attacker.example']);
    const page = await browser.newPage();
    await page.goto(pageUrl);
    const seen = await page.evaluate(
      async ({ graphqlUrl, count }) => {
        const results: string[] = [];
        for (let i = 0; i < count; i++) {
          try {
            const response = await fetch(graphqlUrl, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"query":"{ __typename }"}',
            });
            const body = (await response.json()) as { errors?: Array<{ extensions: { code: string } }> };
            const code = body.errors?.[0]?.extensions.code ?? 'ok';
            results.push(`${response.status} ${response.headers.get('retry-after') ?? '-'} ${code}`);
          } catch (error) {
            results.push(`failed: ${(error as Error).name}`);
          }
        }
        return results;
      },
      { graphqlUrl: target, count: FETCHES },
    );
    await page.close();
    return seen;
  }

  it('a page allowed to read answers reads a 429 too: its code and Retry-After, not a network error', async () => {
    const gateway = await startGateway(replica.url, LIMITED);
    const devServer = await serveAttackerPage('<!doctype html><title>dev server</title>');
    const seen = await fetchesFrom(`http://localhost:${devServer.port}/`, gateway.graphqlUrl);
    // The preflight before the first POST is not counted: 20 answers, then the refusals, readable.
    expect(seen.slice(0, 20)).toEqual(Array(20).fill('200 - ok'));
    expect(seen.slice(20)).toHaveLength(2);
    for (const refused of seen.slice(20)) expect(refused).toMatch(/^429 ([1-9]|1\d|20) RATE_LIMITED$/);
  }, 60_000);

  it('a site CORS_ORIGINS does not list still reads nothing of it', async () => {
    const gateway = await startGateway(replica.url, LIMITED);
    const attacker = await serveAttackerPage('<!doctype html><title>a site</title>');
    const seen = await fetchesFrom(`http://attacker.example:${attacker.port}/`, gateway.graphqlUrl);
    expect(seen).toEqual(Array(FETCHES).fill('failed: TypeError'));
    // Its preflights were refused, so no POST reached the gateway (all 20 requests are still there), and
    // a refusal sent to that origin carries no CORS headers either.
    const ask = () =>
      rawRequest(Number(new URL(gateway.url).port), {
        headers: { origin: `http://attacker.example:${attacker.port}` },
        body: '{"query":"{ __typename }"}',
      });
    for (let i = 0; i < 20; i++) expect((await ask()).status).toBe(200);
    const refusal = await ask();
    expect(refusal.status).toBe(429);
    expect(refusal.headers['access-control-allow-origin']).toBeUndefined();
    expect(refusal.headers.vary).toMatch(/origin/i);
  }, 60_000);
});

describe('absolute paths on the gateway machine', () => {
  const PATHS = '{ cachedNeurons { neuronId folder } neuron(id: 1) { cacheStatus { folder } } }';
  const pathsIn = (body: string) => {
    const data = (JSON.parse(body) as { data: { cachedNeurons: Array<{ folder: string | null }> } }).data;
    return data.cachedNeurons.map((status) => status.folder);
  };

  it('a dev server page may read through CORS, but gets null where paths are', async () => {
    const { gateway, cacheDir } = await gatewayWithCachedNeuron();
    const browser = await launchBrowser();
    const devServer = await serveAttackerPage('<!doctype html><title>dev server</title>');
    const page = await browser.newPage();
    await page.goto(`http://localhost:${devServer.port}/`);
    const answer = await page.evaluate(
      async ({ target, query }) => {
        const response = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        return response.text();
      },
      { target: gateway.graphqlUrl, query: PATHS },
    );
    expect(JSON.parse(answer)).toEqual({
      data: { cachedNeurons: [{ neuronId: 1, folder: null }], neuron: { cacheStatus: { folder: null } } },
    });
    expect(answer).not.toContain(cacheDir);
    await page.close();
  }, 60_000);

  it('a local script (it may write) sees them; EXPOSE_PATHS=none hides them from it too', async () => {
    const { port, cacheDir } = await gatewayWithCachedNeuron();
    const script = await rawRequest(port, { body: JSON.stringify({ query: PATHS }) });
    expect(pathsIn(script.body)).toEqual([`${cacheDir}/1`]);
    const hidden = await gatewayWithCachedNeuron({ EXPOSE_PATHS: 'none' });
    expect(pathsIn((await rawRequest(hidden.port, { body: JSON.stringify({ query: PATHS }) })).body)).toEqual(
      [null],
    );
  });

  it('with ADMIN_TOKEN, only the token shows them; EXPOSE_PATHS=all shows them to anyone', async () => {
    const guarded = await gatewayWithCachedNeuron({ ADMIN_TOKEN: TOKEN });
    const anonymous = await rawRequest(guarded.port, { body: JSON.stringify({ query: PATHS }) });
    expect(pathsIn(anonymous.body)).toEqual([null]);
    const admin = await rawRequest(guarded.port, {
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query: PATHS }),
    });
    expect(pathsIn(admin.body)).toEqual([`${guarded.cacheDir}/1`]);
    const all = await gatewayWithCachedNeuron({ EXPOSE_PATHS: 'all' });
    const crossOrigin = await rawRequest(all.port, {
      headers: { origin: 'http://localhost:5173' },
      body: JSON.stringify({ query: PATHS }),
    });
    expect(pathsIn(crossOrigin.body)).toEqual([`${all.cacheDir}/1`]);
  });

  it("a download's folder, metadataPath and item paths follow the same rule", async () => {
    const { port, cacheDir } = await gatewayWithCachedNeuron();
    const query =
      'mutation { downloadNeuron(id: 1, mode: STANDARD, dryRun: true) { folder metadataPath items { path } } }';
    const fromPage = await rawRequest(port, {
      headers: { origin: 'http://localhost:5173' },
      body: JSON.stringify({ query }),
    });
    expect(JSON.parse(fromPage.body)).toEqual({
      data: { downloadNeuron: { folder: null, metadataPath: null, items: [{ path: null }] } },
    });
    const fromScript = await rawRequest(port, { body: JSON.stringify({ query }) });
    expect(JSON.parse(fromScript.body)).toEqual({
      data: {
        downloadNeuron: {
          folder: `${cacheDir}/1`,
          metadataPath: `${cacheDir}/1/metadata.json`,
          items: [{ path: `${cacheDir}/1/cnic_001.CNG.swc` }],
        },
      },
    });
  });
});

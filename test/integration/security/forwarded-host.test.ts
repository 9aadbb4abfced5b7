/**
 * X-Forwarded-Host spoofing. With TRUST_PROXY=true the gateway reads the host the browser used from
 * X-Forwarded-Host. A page can add that header to its own request, so (1) CORS must not let a page on
 * another origin send it, (2) the gateway reads only what the nearest proxy wrote (the last value) and
 * still checks it against the hosts it knows, and (3) the shipped nginx.conf overwrites the client's value.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/free-port.js';
import { registerCleanup } from '../../support/cleanup.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { codeOf, expectRefusal, launchBrowser, rawRequest, serveAttackerPage, snapshot } from './support.js';

const replica = await startReplica({ size: 50 });
const NGINX_CONF = new URL('../../../deploy/nginx.conf', import.meta.url);

/** A proxied gateway (TRUST_PROXY) with neuron 1 cached by a local script. */
async function proxiedGateway(env: Record<string, string> = {}) {
  const cacheDir = await tempDir();
  const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir, TRUST_PROXY: 'true', ...env });
  const seeded = await gateway.post({
    query: 'mutation { downloadNeuron(id: 1, mode: STANDARD) { dryRun } }',
  });
  expect(await seeded.json()).toEqual({ data: { downloadNeuron: { dryRun: false } } });
  return { gateway, cacheDir, port: Number(new URL(gateway.url).port) };
}

const CLEAR = '{"query":"mutation { clearCache }"}';
const LOCAL_URL = '{"query":"mutation { downloadNeuron(id: 1, mode: STANDARD) { items { localUrl } } }"}';

describe('a page on another origin, in a real browser', () => {
  it('cannot send X-Forwarded-Host: the preflight does not approve it, nothing runs, the disk is untouched', async () => {
    const { gateway, cacheDir } = await proxiedGateway();
    const before = await snapshot(cacheDir);
    const browser = await launchBrowser(['attacker.example']);
    const attacker = await serveAttackerPage('<!doctype html><title>attacker</title>');
    const origin = `http://attacker.example:${attacker.port}`;
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    // The attacker forges the forwarded host so that the gateway would think the page is its own.
    const outcome = await page.evaluate(
      async ({ target, forged }) => {
        try {
          const response = await fetch(target, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-host': forged },
            body: JSON.stringify({ query: 'mutation { clearCache }' }),
          });
          return `answered ${response.status}`;
        } catch (error) {
          return `blocked: ${(error as Error).message}`;
        }
      },
      { target: gateway.graphqlUrl, forged: `attacker.example:${attacker.port}` },
    );
    expect(outcome).toBe('blocked: Failed to fetch');
    expect(await snapshot(cacheDir)).toEqual(before);
    const preflight = await rawRequest(Number(new URL(gateway.url).port), {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-forwarded-host',
      },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
    await page.close();
  }, 60_000);

  it('even from an origin CORS lets read, the forged header is not approved (and the write is refused)', async () => {
    const browser = await launchBrowser(['attacker.example']);
    const attacker = await serveAttackerPage('<!doctype html><title>attacker</title>');
    const { gateway, cacheDir } = await proxiedGateway({ CORS_ORIGINS: 'http://attacker.example:*' });
    const before = await snapshot(cacheDir);
    const page = await browser.newPage();
    await page.goto(`http://attacker.example:${attacker.port}/`);
    const send = (forged: string | null) =>
      page.evaluate(
        async ({ target, forged }) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (forged) headers['x-forwarded-host'] = forged;
          try {
            const response = await fetch(target, {
              method: 'POST',
              headers,
              body: JSON.stringify({ query: 'mutation { clearCache }' }),
            });
            return { status: response.status, body: await response.text() };
          } catch (error) {
            return { status: 0, body: (error as Error).message };
          }
        },
        { target: gateway.graphqlUrl, forged },
      );
    expect(await send(`attacker.example:${attacker.port}`)).toEqual({ status: 0, body: 'Failed to fetch' });
    // Without the forged header the page reaches the gateway (CORS allows it to read), which refuses.
    const plain = await send(null);
    expect(plain.status).toBe(200);
    expect(codeOf(plain.body)).toBe('FORBIDDEN');
    expect(await snapshot(cacheDir)).toEqual(before);
    await page.close();
  }, 60_000);
});

describe('the gateway behind a trusted proxy', () => {
  it('refuses a forwarded host it does not know, even with a matching Origin', async () => {
    const { port, cacheDir } = await proxiedGateway();
    const before = await snapshot(cacheDir);
    const forged = { 'x-forwarded-host': 'evil.example', origin: 'http://evil.example' };
    expectRefusal(await rawRequest(port, { headers: forged, body: CLEAR }), 403, 'HOST_NOT_ALLOWED');
    expect(await snapshot(cacheDir)).toEqual(before);
  });

  it('reads the value the proxy appended last, not the one a client put first', async () => {
    const { port, cacheDir } = await proxiedGateway({ ALLOWED_HOSTS: 'neurons.lab.example' });
    const chained = {
      'x-forwarded-host': 'evil.example, neurons.lab.example',
      'x-forwarded-proto': 'http, https',
    };
    const links = await rawRequest(port, { headers: chained, body: LOCAL_URL });
    expect(links.body).toContain('"https://neurons.lab.example/files/1/cnic_001.CNG.swc"');
    const before = await snapshot(cacheDir);
    // The attacker's origin matches the first value, which is not the one read: refused.
    const write = await rawRequest(port, {
      headers: { ...chained, origin: 'http://evil.example' },
      body: CLEAR,
    });
    expect(codeOf(write.body)).toBe('FORBIDDEN');
    expect(await snapshot(cacheDir)).toEqual(before);
  });
});

describe('deploy/nginx.conf', () => {
  it('writes every forwarded header itself, replacing what the client sent', async () => {
    const conf = await readFile(NGINX_CONF, 'utf8');
    const set = (header: string) =>
      new RegExp(`^\\s*proxy_set_header\\s+${header}\\s+(\\S+);`, 'im').exec(conf)?.[1];
    expect(set('X-Forwarded-Host')).toBe('$http_host');
    expect(set('X-Forwarded-Proto')).toBe('$scheme');
    expect(set('X-Forwarded-For')).toBe('$proxy_add_x_forwarded_for');
    expect(set('Host')).toBe('$http_host');
    expect(set('Forwarded')).toBe('""');
    expect(conf).not.toMatch(
      /proxy_pass_request_headers\s+off|proxy_set_header\s+X-Forwarded-Host\s+\$http_x_forwarded_host/i,
    );
    expect(conf).toMatch(/^\s*limit_conn\s+per_client\s+\d+;/m);
  });

  it('in front of the gateway (real nginx): a client cannot choose the forwarded host, protocol or address', async () => {
    const { port, cacheDir } = await proxiedGateway({ RATE_LIMIT_RPS: '1', RATE_LIMIT_BURST: '5' });
    const proxyPort = await startNginx(port);
    const spoofed = {
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '203.0.113.9',
    };
    // A script through the proxy sees links under the host it really used, not the one it claimed.
    const links = await rawRequest(proxyPort, { headers: spoofed, body: LOCAL_URL });
    expect(links.body).toContain(`"http://127.0.0.1:${proxyPort}/files/1/cnic_001.CNG.swc"`);
    const before = await snapshot(cacheDir);
    // A page on evil.example claiming to be the gateway's own may not write.
    const write = await rawRequest(proxyPort, {
      headers: { ...spoofed, origin: 'http://evil.example' },
      body: CLEAR,
    });
    expect(codeOf(write.body)).toBe('FORBIDDEN');
    expect(await snapshot(cacheDir)).toEqual(before);
    // Made-up X-Forwarded-For values all count against the address nginx saw (burst 5, 1 per second,
    // 3 already spent): without that, each would get a fresh bucket and none would be refused.
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const answer = await rawRequest(proxyPort, {
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
        body: '{"query":"{ __typename }"}',
      });
      statuses.push(answer.status);
    }
    expect(statuses.filter((status) => status === 429).length, statuses.join(' ')).toBeGreaterThanOrEqual(15);
  }, 60_000);
});

/** Runs the real nginx with the shipped server block, its upstreams pointed at the test gateway. */
async function startNginx(gatewayPort: number): Promise<number> {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => {
    try {
      execFileSync(path, ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!nginx) throw new Error('nginx is not installed: run scripts/ensure-test-deps.sh (npm test does)');
  const dir = await tempDir('nmg-nginx-');
  const proxyPort = await freePort();
  const shipped = await readFile(NGINX_CONF, 'utf8');
  const server = shipped
    .replace(/gateway-[ab]:4000/g, `127.0.0.1:${gatewayPort}`)
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${proxyPort};`);
  expect(server).toContain(`listen 127.0.0.1:${proxyPort};`);
  await mkdir(join(dir, 'temp'));
  await writeFile(join(dir, 'default.conf'), server);
  await writeFile(
    join(dir, 'nginx.conf'),
    `daemon off;
     worker_processes 1;
     pid ${dir}/nginx.pid;
     error_log stderr warn;
     events { worker_connections 256; }
     http {
       access_log off;
       client_body_temp_path ${dir}/temp/body;
       proxy_temp_path ${dir}/temp/proxy;
       fastcgi_temp_path ${dir}/temp/fastcgi;
       uwsgi_temp_path ${dir}/temp/uwsgi;
       scgi_temp_path ${dir}/temp/scgi;
       include ${dir}/default.conf;
     }`,
  );
  const child: ChildProcess = spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += String(chunk);
  });
  registerCleanup(async () => {
    child.kill('SIGQUIT');
    await new Promise((resolve) => child.once('exit', resolve));
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    const answer = await rawRequest(proxyPort, { method: 'GET', path: '/healthz' }).catch(() => null);
    if (answer?.status === 200) return proxyPort;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not start: ${stderr}`);
}

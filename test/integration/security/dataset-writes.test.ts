/**
 * createDataset is the largest write a request can start (up to DATASET_MAX_NEURONS downloads from one
 * mutation), so a web page the user happens to visit must not be able to start one, by any of the ways a
 * page can send a request: fetch() with JSON (needs a preflight), fetch() without one (text/plain, the
 * "simple" request), or a plain form. Each attempt runs in a real Chromium; afterwards no job exists,
 * the replica served no neuron file and the cache directory holds exactly what it held before.
 */
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { listDatasets } from '../datasets/support.js';
import { codeOf, launchBrowser, serveAttackerPage, snapshot } from './support.js';

const replica = await startReplica({ size: 50 });
const CREATE = 'mutation { createDataset(input: { limit: 20, name: "from a page" }) { id status } }';

async function targetGateway(env: Record<string, string> = {}) {
  const cacheDir = await tempDir();
  const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir, ...env });
  return { gateway, cacheDir, before: await snapshot(cacheDir) };
}

/** The page's two fetch() attempts: what each saw (status and code, or the browser's refusal). */
async function fetchAttempts(pageUrl: string, target: string) {
  const browser = await launchBrowser(['attacker.example']);
  const page = await browser.newPage();
  await page.goto(pageUrl);
  const seen = await page.evaluate(
    async ({ target, query }) => {
      const attempt = async (init: RequestInit) => {
        try {
          const response = await fetch(target, { method: 'POST', body: JSON.stringify({ query }), ...init });
          return `${response.status} ${await response.text()}`;
        } catch (error) {
          return `blocked: ${(error as Error).message}`;
        }
      };
      return {
        json: await attempt({ headers: { 'content-type': 'application/json' } }),
        // No preflight for text/plain: the request is sent, only its answer is kept from the page.
        simple: await attempt({ headers: { 'content-type': 'text/plain' }, mode: 'no-cors' }),
      };
    },
    { target, query: CREATE },
  );
  await page.close();
  return seen;
}

describe('createDataset from a web page, in a real browser', () => {
  it('a site: the JSON request never leaves the browser, the simple one is refused with 415', async () => {
    const { gateway, cacheDir, before } = await targetGateway();
    const attacker = await serveAttackerPage('<!doctype html><title>a site</title>');
    replica.clearLog();
    const seen = await fetchAttempts(`http://attacker.example:${attacker.port}/`, gateway.graphqlUrl);
    expect(seen.json).toBe('blocked: Failed to fetch');
    // An opaque answer: the page learns nothing, not even the status.
    expect(seen.simple).toBe('0 ');
    expect(await listDatasets(gateway)).toEqual([]);
    expect(replica.count({ pathPrefix: '/' })).toBe(0);
    expect(await snapshot(cacheDir)).toEqual(before);
  }, 60_000);

  it('a site submitting a form: 415 UNSUPPORTED_MEDIA_TYPE, no job', async () => {
    const { gateway, cacheDir, before } = await targetGateway();
    const browser = await launchBrowser(['attacker.example']);
    const attacker = await serveAttackerPage(
      `<!doctype html><form method="POST" action="${gateway.graphqlUrl}" enctype="text/plain">
         <input name='{"query":"${CREATE.replaceAll('"', '\\"')}","x":"' value='"}'></form>`,
    );
    const page = await browser.newPage();
    await page.goto(`http://attacker.example:${attacker.port}/`);
    await Promise.all([
      page.waitForURL(gateway.graphqlUrl),
      page.locator('form').evaluate((form: HTMLFormElement) => form.submit()),
    ]);
    expect(codeOf((await page.locator('body').textContent()) ?? '')).toBe('UNSUPPORTED_MEDIA_TYPE');
    await page.close();
    expect(await listDatasets(gateway)).toEqual([]);
    expect(await snapshot(cacheDir)).toEqual(before);
  }, 60_000);

  it('a page CORS lets read (a dev server on this machine): it reaches the gateway, which refuses the write', async () => {
    const { gateway, cacheDir, before } = await targetGateway();
    const devServer = await serveAttackerPage('<!doctype html><title>dev server</title>');
    replica.clearLog();
    const seen = await fetchAttempts(`http://localhost:${devServer.port}/`, gateway.graphqlUrl);
    expect(seen.json).toMatch(/^200 /);
    expect(codeOf(seen.json.slice(4))).toBe('FORBIDDEN');
    expect(seen.simple).toBe('0 ');
    expect(await listDatasets(gateway)).toEqual([]);
    expect(replica.count({ pathPrefix: '/' })).toBe(0);
    expect(await snapshot(cacheDir)).toEqual(before);
  }, 60_000);

  it('the same mutation from a local script is accepted (the attempts above could have succeeded)', async () => {
    const { gateway } = await targetGateway();
    const answer = await gateway.post({ query: CREATE });
    const body = (await answer.json()) as { data?: { createDataset: { id: string } } };
    expect(body.data?.createDataset.id).toEqual(expect.any(String));
    expect(await listDatasets(gateway)).toHaveLength(1);
    await expect.poll(() => replica.count({ pathPrefix: '/' }), { timeout: 30_000 }).toBeGreaterThan(0);
  }, 60_000);
});

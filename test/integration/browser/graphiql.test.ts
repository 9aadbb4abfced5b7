import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/chromium.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { createOrThrow } from '../datasets/support.js';

const ARTIFACTS = fileURLToPath(new URL('../../../.test-artifacts/', import.meta.url));
const replica = await startReplica({ size: 50 });
const gateway = await startGateway(replica.url);

const browser = await launchChromium();
afterAll(() => browser.close());

interface Load {
  /** Bytes that crossed the wire (headers and compressed bodies), from Chromium's network log. */
  wireBytes: number;
  /** Requests that reached the network, by URL; those served from the browser cache are not here. */
  fetched: string[];
  /** Requests to anywhere but this gateway (there must be none: labs may be offline). */
  external: string[];
  htmlBytes: number;
}

/** Opens GraphiQL in `page`, waits for its editor, and reports what the load cost. */
async function openGraphiQL(context: BrowserContext, page: Page, target = gateway): Promise<Load> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const load: Load = { wireBytes: 0, fetched: [], external: [], htmlBytes: 0 };
  const urls = new Map<string, string>();
  const fromCache = new Set<string>();
  cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
  cdp.on('Network.requestServedFromCache', (event) => fromCache.add(event.requestId));
  cdp.on('Network.responseReceived', (event) => {
    if (event.response.fromDiskCache || event.response.fromPrefetchCache) fromCache.add(event.requestId);
  });
  cdp.on('Network.loadingFinished', (event) => {
    const url = urls.get(event.requestId) ?? '';
    if (url.startsWith('data:') || url.startsWith('blob:') || fromCache.has(event.requestId)) return;
    load.wireBytes += event.encodedDataLength;
    load.fetched.push(url);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(target.url) && !url.startsWith('data:') && !url.startsWith('blob:'))
      load.external.push(url);
  });
  // GraphiQL's last request of a load is its introspection query (a POST to /graphql).
  const introspection = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url().startsWith(target.graphqlUrl),
    { timeout: 30_000 },
  );
  const main = await page.goto(target.graphqlUrl, { waitUntil: 'load' });
  load.htmlBytes = Buffer.byteLength((await main?.text()) ?? '');
  await page
    .locator('.graphiql-query-editor .monaco-editor, .graphiql-query-editor .CodeMirror')
    .first()
    .waitFor({ timeout: 30_000 });
  await (await introspection).finished();
  return load;
}

/** Replaces the editor's text with `operation` (left unclosed: the editor closes the last brace) and runs it. */
async function runInEditor(page: Page, operation: string, name: string): Promise<void> {
  const editor = page
    .locator('.graphiql-query-editor .monaco-editor, .graphiql-query-editor .CodeMirror')
    .first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(operation);
  // GraphiQL re-reads the operation after a short debounce; its tab shows the name once it has.
  await expect
    .poll(async () => (await page.locator('.graphiql-tabs').textContent()) ?? '', { timeout: 20_000 })
    .toContain(name);
  await page.locator('.graphiql-execute-button').click();
}

describe('GraphiQL in a real browser', () => {
  it('opens at /graphql, runs a query typed into the editor and shows the result', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = performance.now();
    const first = await openGraphiQL(context, page);
    await runInEditor(page, 'query NeuronOne { neuron(id: 1) { name archive species }', 'NeuronOne');
    const response = page.locator('.graphiql-response');
    await expect
      .poll(async () => (await response.textContent()) ?? '', { timeout: 20_000 })
      .toContain('cnic_001');
    const firstAnswerMs = performance.now() - started;
    const text = (await response.textContent()) ?? '';
    expect(text).toContain('Wearne_Hof');
    expect(text).toContain('monkey');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'graphiql.png') });

    // A second visit: the hashed, immutable files come from the browser's cache, only the page is fetched.
    const again = await context.newPage();
    const second = await openGraphiQL(context, again);
    process.stdout.write(
      `GraphiQL: page ${first.htmlBytes} B; first load ${first.wireBytes} B over the wire in ` +
        `${first.fetched.length} requests; second load ${second.wireBytes} B in ${second.fetched.length}; ` +
        `first answer after ${Math.round(firstAnswerMs)} ms\n`,
    );
    expect(first.htmlBytes).toBeLessThan(50 * 1024);
    expect(first.external).toEqual([]);
    expect(second.external).toEqual([]);
    // Compressed: the code alone is over 8 MB uncompressed.
    expect(first.wireBytes).toBeLessThan(3 * 1024 * 1024);
    expect(first.fetched.some((url) => url.includes('/graphiql/assets/graphiql.'))).toBe(true);
    expect(second.fetched.filter((url) => url.includes('/graphiql/assets/'))).toEqual([]);
    expect(second.wireBytes).toBeLessThan(100 * 1024);
    await context.close();
  }, 90_000);

  it('streams a subscription (datasetProgress over SSE) into the result pane until the job is DONE', async () => {
    const withCache = await startGateway(replica.url, {
      CACHE_DIR: await tempDir(),
      DOWNLOAD_CONCURRENCY: '1',
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await openGraphiQL(context, page, withCache);
    // Slow files (8 neurons, one at a time, 1 s each), so the job is still running when the
    // subscription starts, and changes while it runs.
    replica.faults.add({ route: '/dableFiles', latencyMs: 1000 });
    try {
      const job = await createOrThrow(withCache, { limit: 8, mode: 'STANDARD' });
      const streamed = page.waitForRequest(
        (request) =>
          request.url().startsWith(withCache.graphqlUrl) &&
          (request.headers().accept ?? '').includes('text/event-stream'),
      );
      await runInEditor(
        page,
        `subscription Progress { datasetProgress(id: "${job.id}") { status done total }`,
        'Progress',
      );
      await streamed;
      const response = page.locator('.graphiql-response');
      // Seen while running (an event before the last), then the last event. The editor renders spaces
      // as no-break spaces, hence \s.
      await expect
        .poll(async () => (await response.textContent()) ?? '', { timeout: 20_000 })
        .toMatch(/"status":\s*"(QUEUED|RUNNING)"/);
      await expect
        .poll(async () => (await response.textContent()) ?? '', { timeout: 30_000 })
        .toMatch(/"status":\s*"DONE"/);
      const text = (await response.textContent()) ?? '';
      expect(text).toMatch(/"done":\s*8/);
      expect(text).toMatch(/"total":\s*8/);
    } finally {
      replica.faults.clear();
      await context.close();
    }
  }, 90_000);
});

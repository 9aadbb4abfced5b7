import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const replica = await startReplica({ size: 50 });
const gateway = await startGateway(replica.url);

// The flags keep headless Chromium off the network it cannot reach here (only loopback is used);
// playwright gives it a fresh temporary profile.
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
afterAll(() => browser.close());

describe('GraphiQL in a real browser', () => {
  it('opens at /graphql, runs a query typed into the editor and shows the result', async () => {
    const page = await browser.newPage();
    await page.goto(gateway.graphqlUrl, { waitUntil: 'load' });
    const editor = page
      .locator('.graphiql-query-editor .monaco-editor, .graphiql-query-editor .CodeMirror')
      .first();
    await editor.waitFor({ timeout: 20_000 });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('query NeuronOne { neuron(id: 1) { name archive species }');
    // GraphiQL re-reads the operation after a short debounce; its tab shows the name once it has.
    await expect
      .poll(async () => (await page.locator('.graphiql-tabs').textContent()) ?? '', { timeout: 20_000 })
      .toContain('NeuronOne');
    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await expect
      .poll(async () => (await response.textContent()) ?? '', { timeout: 20_000 })
      .toContain('cnic_001');
    const text = (await response.textContent()) ?? '';
    expect(text).toContain('Wearne_Hof');
    expect(text).toContain('monkey');
    await page.screenshot({ path: join(tmpdir(), 'nmg-graphiql.png') });
    await page.close();
  }, 60_000);
});

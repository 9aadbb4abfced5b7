/**
 * The drawing routes as a frontend uses them: a page on another origin (another loopback port) shows
 * `<img src=".../morphology.svg">` and `.png`, and a real Chromium paints them. Checked by pixels of a
 * screenshot, not by the DOM, since a broken image is still an element.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/chromium.js';
import { registerCleanup } from '../../support/cleanup.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 50 });
const gateway = await startGateway(replica.url);

const SIZE = { width: 400, height: 300 };
const page = (file: string) =>
  `<!doctype html><html><body style="margin:0;background:#ffffff">` +
  `<img id="drawing" alt="neuron 604" width="${SIZE.width}" height="${SIZE.height}" ` +
  `src="${gateway.url}/neurons/604/${file}?width=${SIZE.width}&height=${SIZE.height}">` +
  `</body></html>`;

// The frontend: its own origin (same host, another port), as a dev server's page would be.
const frontend = createServer((request, response) => {
  const file = request.url === '/png' ? 'morphology.png' : 'morphology.svg';
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(file));
});
await new Promise<void>((resolve) => frontend.listen(0, '127.0.0.1', resolve));
registerCleanup(() => new Promise<void>((resolve) => frontend.close(() => resolve())));
const frontendUrl = `http://127.0.0.1:${(frontend.address() as AddressInfo).port}`;

const browser = await launchChromium();
afterAll(() => browser.close());

/** Pixels of the screenshot that are neither white nor grey: the neurites' colours. */
function colouredPixels(screenshot: Buffer): { coloured: number; total: number } {
  const image = PNG.sync.read(screenshot);
  let coloured = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r = 0, g = 0, b = 0] = image.data.subarray(i, i + 3);
    if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
  }
  return { coloured, total: image.width * image.height };
}

describe('morphology drawings in a page on another origin', () => {
  it.each([
    ['svg', 'image/svg+xml'],
    ['png', 'image/png'],
  ])('an <img> of the %s route renders the neuron', async (kind, contentType) => {
    expect(new URL(frontendUrl).origin).not.toBe(new URL(gateway.url).origin);
    const context = await browser.newContext({ viewport: { width: 600, height: 400 } });
    const tab = await context.newPage();
    const image = tab.waitForResponse((response) => response.url().startsWith(`${gateway.url}/neurons/`));
    await tab.goto(`${frontendUrl}/${kind}`, { waitUntil: 'load' });
    const answer = await image;
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe(contentType);
    const drawn = await tab.locator('#drawing').evaluate((element) => {
      const img = element as HTMLImageElement;
      return { complete: img.complete, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight };
    });
    expect(drawn).toEqual({ complete: true, naturalWidth: SIZE.width, naturalHeight: SIZE.height });
    const { coloured, total } = colouredPixels(await tab.locator('#drawing').screenshot());
    console.log(`${kind}: ${coloured} of ${total} pixels coloured`);
    // A blank or broken image has none; the drawing of 604 colours a few per cent of its box.
    expect(coloured).toBeGreaterThan(total * 0.005);
    await context.close();
  });

  it('a refused image (width=1, 400) stays below the bar: the pixel check can fail', async () => {
    const context = await browser.newContext({ viewport: { width: 600, height: 400 } });
    const tab = await context.newPage();
    await tab.setContent(
      `<body style="margin:0"><img id="drawing" width="400" height="300" src="${gateway.url}/neurons/604/morphology.svg?width=1"></body>`,
    );
    await tab.waitForFunction(() => (document.getElementById('drawing') as HTMLImageElement).complete);
    // Chromium's broken-image icon has a few coloured pixels, far below the bar a drawing passes.
    const { coloured, total } = colouredPixels(await tab.locator('#drawing').screenshot());
    console.log(`refused: ${coloured} of ${total} pixels coloured`);
    expect(coloured).toBeLessThan(total * 0.005);
    await context.close();
  });
});

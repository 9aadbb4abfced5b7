/**
 * The attacker's kit for the security tests: a real headless Chromium, a real web server for the
 * attacker's pages, raw HTTP requests with headers fetch() will not send (Host), and a snapshot of the
 * cache folder to prove that nothing changed on disk.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { expect } from 'vitest';
import { type App, type AppOptions, createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { registerCleanup } from '../../support/cleanup.js';
import { tempDir } from '../../support/temp-dir.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every file under `dir` with its SHA-256, so a test can assert the folder is exactly as it was. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return files;
}

/**
 * Headless Chromium with an empty profile, kept off every network but loopback; `hostMap` names are
 * resolved to 127.0.0.1, as a DNS name an attacker re-points at the victim's machine would be.
 */
export async function launchBrowser(hostMap: string[] = []): Promise<BrowserContext> {
  const rules = hostMap.map((name) => `MAP ${name} 127.0.0.1`).join(', ');
  const context = await chromium.launchPersistentContext(await tempDir('nmg-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(rules ? [`--host-resolver-rules=${rules}`] : []),
    ],
  });
  registerCleanup(() => context.close());
  return context;
}

/** A real web server on 127.0.0.1 serving one attacker page at `/`. */
export async function serveAttackerPage(html: string): Promise<{ port: number }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registerCleanup(() => {
    const closed = new Promise((resolve) => server.close(resolve));
    // The browser keeps its connections alive; they would hold the close open.
    server.closeAllConnections();
    return closed;
  });
  return { port: (server.address() as AddressInfo).port };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request to 127.0.0.1:port with exactly these headers (fetch() refuses to set Host). */
export function rawRequest(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/graphql',
        headers: { 'content-type': 'application/json', ...options.headers },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** The first error code of a GraphQL answer's body, or 'OK' when it has none. */
export function codeOf(body: string): string {
  const parsed = JSON.parse(body) as { errors?: Array<{ extensions?: { code?: string } }> };
  return parsed.errors?.[0]?.extensions?.code ?? 'OK';
}

/** Asserts an answer is a refusal with this status and code. */
export function expectRefusal(
  response: { status: number; body: string },
  status: number,
  code: string,
): void {
  expect({ status: response.status, code: codeOf(response.body) }).toEqual({ status, code });
}

/**
 * The gateway as a user starts it: only the port, the upstream, the cache folder and the log level are
 * set, none of the test kit's relaxations (lifted rate limit, upstream budget).
 */
export async function startDefaultGateway(
  upstreamUrl: string,
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<{ app: App; url: string; port: number; cacheDir: string }> {
  const cacheDir = await tempDir();
  const app = createApp(
    loadConfig({
      HOME: '/nonexistent',
      PORT: '0',
      NEUROMORPHO_URL: upstreamUrl,
      CACHE_DIR: cacheDir,
      LOG_LEVEL: 'silent',
      ...env,
    }),
    options,
  );
  const listening = await app.listen();
  registerCleanup(() => app.close());
  const port = Number(new URL(listening).port);
  return { app, url: `http://127.0.0.1:${port}`, port, cacheDir };
}

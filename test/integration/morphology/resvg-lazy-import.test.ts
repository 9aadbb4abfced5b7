import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importReporter } from '../../support/import-reporter.js';
import { startReplica } from '../../support/replica.js';
import { spawnNode } from '../../support/spawn-node.js';

const replica = await startReplica({ size: 50 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A module hook in the gateway's main thread that reports on stderr every time resvg's native binding,
// or graphql-yoga (loaded by every gateway: the check that the hook sees imports at all), is resolved.
// PNGs are drawn on worker threads, which do not run the hook.
const register = importReporter(['@resvg/resvg-js', 'graphql-yoga']);

describe("resvg's native binding is not loaded by the gateway's main thread", () => {
  it('a gateway that starts, answers a query and draws a PNG never loads it there', async () => {
    const gateway = await spawnNode(['--import', register, 'src/main.ts'], {
      NEUROMORPHO_URL: replica.url,
      CACHE_DIR: mkdtempSync(join(tmpdir(), 'nmg-lazy-resvg-cache-')),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    const answer = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ neuron(id: 1) { name } }' }),
    });
    expect(answer.status).toBe(200);
    const png = await fetch(`${gateway.url}/neurons/1/morphology.png?width=64&height=64`);
    expect(png.headers.get('content-type')).toBe('image/png');
    await png.arrayBuffer();
    for (let i = 0; i < 40 && !gateway.stderr().includes('resolved graphql-yoga'); i++) await sleep(25);
    expect(gateway.stderr()).toContain('resolved graphql-yoga');
    expect(gateway.stderr()).not.toContain('resolved @resvg/resvg-js');
  });
});

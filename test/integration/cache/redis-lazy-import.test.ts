import { describe, expect, it } from 'vitest';
import { importReporter } from '../../support/import-reporter.js';
import { startRedis } from '../../support/redis.js';
import { startReplica } from '../../support/replica.js';
import { spawnNode } from '../../support/spawn-node.js';

const replica = await startReplica({ size: 50 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A module hook in the child that reports on stderr every time `@keyv/redis` is resolved.
const register = importReporter(['@keyv/redis']);

async function gatewayImports(cacheStore: string): Promise<boolean> {
  const gateway = await spawnNode(['--import', register, 'src/main.ts'], {
    NEUROMORPHO_URL: replica.url,
    CACHE_STORE: cacheStore,
    CACHE_DIR: 'off',
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
  for (let i = 0; i < 40 && !gateway.stderr().includes('resolved'); i++) await sleep(25);
  return gateway.stderr().includes('resolved @keyv/redis');
}

describe('@keyv/redis is loaded only for a redis:// store', () => {
  it('a gateway on the memory store never imports it, after serving a query', async () => {
    expect(await gatewayImports('memory')).toBe(false);
  });

  it('a gateway on Redis does (the check sees the import when there is one)', async () => {
    const redis = await startRedis();
    expect(await gatewayImports(redis.url)).toBe(true);
  });
});

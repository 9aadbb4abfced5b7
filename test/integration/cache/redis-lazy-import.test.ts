import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startRedis } from '../../support/redis.js';
import { startReplica } from '../../support/replica.js';
import { spawnNode } from '../../support/spawn-node.js';

const replica = await startReplica({ size: 50 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A module hook in the child that reports on stderr every time `@keyv/redis` is resolved.
const folder = mkdtempSync(join(tmpdir(), 'nmg-lazy-redis-'));
const hooks = join(folder, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (specifier === '@keyv/redis') writeSync(2, 'resolved @keyv/redis\\n');
  return next(specifier, context);
}
`,
);
const register = join(folder, 'register.mjs');
writeFileSync(
  register,
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
);

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

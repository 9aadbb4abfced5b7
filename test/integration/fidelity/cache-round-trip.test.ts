import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyvHandle } from '../../../src/cache/keyv-factory.js';
import { createResponseStore } from '../../../src/cache/response-store.js';
import { parsePayload } from '../../../src/neuromorpho/payload-json.js';
import { toPythonJson } from '../../../src/neuromorpho/python-json.js';
import { startGateway } from '../../support/gateway.js';
import { startRedis } from '../../support/redis.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const redis = await startRedis();
const morphometry = await readFile(
  new URL('../../../fixtures/upstream/morphometry_name_cnic_001.json', import.meta.url),
  'utf8',
);

describe.each([['memory'], ['redis']])('the %s response cache keeps number forms', (kind) => {
  const handle = createKeyvHandle({
    store: kind === 'redis' ? redis.url : 'memory',
    maxEntries: 100,
    onError: (error) => {
      throw error;
    },
  });
  const store = createResponseStore({
    handle,
    staleMs: 60_000,
    operationTimeoutMs: 2000,
    onError: (error) => {
      throw error;
    },
  });
  afterAll(() => store.close());

  it('a payload read back writes the same metadata text as the one stored (6.0 stays 6.0)', async () => {
    const payload = parsePayload(`{"page": [${morphometry}, {"big": 12345678901234567890, "e": 1E5}]}`);
    const key = `nm:test:forms:${kind}:${Math.random()}`;
    await store.setMany([{ key, value: payload, freshMs: 60_000 }]);
    const [entry] = await store.getMany([key]);
    const written = toPythonJson(entry?.v);
    expect(written).toBe(toPythonJson(payload));
    expect(written).toContain('"n_stems": 6.0,');
    expect(written).toContain('"big": 12345678901234567890,');
    expect(written).toContain('"e": 100000.0');
  });
});

describe('two gateways on one Redis', () => {
  it('write the same metadata.json, the second from what the first cached', async () => {
    const replica = await startReplica({ size: 10 });
    const [dirA, dirB] = [await tempDir(), await tempDir()];
    const env = { CACHE_STORE: redis.url };
    const first = await startGateway(replica.url, { ...env, CACHE_DIR: dirA });
    const second = await startGateway(replica.url, { ...env, CACHE_DIR: dirB });
    const download = 'mutation { downloadNeuron(id: 1, mode: STANDARD) { items { downloadedNow } } }';
    expect((await first.execute(download)).errors).toBeUndefined();
    replica.clearLog();
    expect((await second.execute(download)).errors).toBeUndefined();
    // Neuron and measurement came from Redis: only the file was asked of NeuroMorpho.
    expect(replica.count({ pathPrefix: '/api' })).toBe(0);
    const [a, b] = await Promise.all([
      readFile(join(dirA, '1', 'metadata.json'), 'utf8'),
      readFile(join(dirB, '1', 'metadata.json'), 'utf8'),
    ]);
    expect(b).toBe(a);
    expect(b).toContain('    "n_stems": 6.0,\n');
  });
});

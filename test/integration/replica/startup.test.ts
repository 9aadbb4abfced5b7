import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createReplica, type Replica, type ReplicaOptions } from '../../../src/replica/replica.js';
import { fetchJson } from '../../support/replica.js';

async function withReplica(options: ReplicaOptions, use: (replica: Replica) => Promise<void>): Promise<void> {
  const replica = await createReplica(options);
  try {
    await use(replica);
  } finally {
    await replica.close();
  }
}

describe('createReplica options', () => {
  it('rejects a size above 299,999 and unknown largeFiles neurons before serving', async () => {
    await expect(createReplica({ size: 300_000 })).rejects.toThrow(RangeError);
    await expect(createReplica({ size: 0, largeFiles: { 2: 1000 } })).rejects.toThrow(/no neuron 2/);
  });

  it('writes publicUrl into links while listening on its own url', async () => {
    await withReplica({ size: 0, publicUrl: 'http://replica.example:8081/' }, async (replica) => {
      expect(replica.url).toBe(`http://127.0.0.1:${replica.port}`);
      const { body } = await fetchJson<{ png_url: string; _links: { self: { href: string } } }>(
        replica,
        '/api/neuron/id/1',
      );
      expect(body._links.self.href).toBe('http://replica.example:8081/api/neuron/id/1');
      expect(body.png_url).toBe('http://replica.example:8081/images/imageFiles/Wearne_Hof/cnic_001.png');
    });
  });

  it('reads fixtures from an explicit folder', async () => {
    const fixturesDir = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
    await withReplica({ size: 0, fixturesDir }, async (replica) => {
      expect(replica.population.recordedIds).toHaveLength(71);
    });
    await expect(createReplica({ fixturesDir: '/nonexistent' })).rejects.toThrow(/ENOENT/);
  });

  it('close() ends open keep-alive connections and can be called twice', async () => {
    const replica = await createReplica({ size: 0 });
    await fetch(`${replica.url}/api/health`).then((r) => r.text());
    await replica.close();
    await replica.close();
    await expect(fetch(`${replica.url}/api/health`)).rejects.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { fetchText, startReplica } from '../../support/replica.js';

const a = await startReplica({ size: 300, seed: 11 });
const b = await startReplica({ size: 300, seed: 11 });
const c = await startReplica({ size: 300, seed: 12 });

/** Bodies with the replica's own base replaced, so replicas on different ports compare. */
const body = async (replica: typeof a, path: string): Promise<string> =>
  (await fetchText(replica, path)).text.replaceAll(replica.url, 'BASE');

describe('determinism', () => {
  const generated = [700000, 700123, 700299];

  it('the same seed gives the same records, measurements and files', async () => {
    expect(a.population).toEqual(b.population);
    for (const id of generated) {
      expect(await body(a, `/api/neuron/id/${id}`)).toBe(await body(b, `/api/neuron/id/${id}`));
      expect(await body(a, `/api/morphometry/id/${id}`)).toBe(await body(b, `/api/morphometry/id/${id}`));
    }
    const record = JSON.parse(await body(a, '/api/neuron/id/700123'));
    const path = `/dableFiles/${encodeURIComponent(record.archive.toLowerCase())}/CNG%20version/${encodeURIComponent(record.neuron_name)}.CNG.swc`;
    expect(await body(a, path)).toBe(await body(b, path));
    expect(await body(a, '/api/neuron/select?q=*:*&size=500&page=0')).toBe(
      await body(b, '/api/neuron/select?q=*:*&size=500&page=0'),
    );
  });

  it('another seed gives other generated records, but the same recorded ones and ids', async () => {
    expect(c.population.ids).toEqual(a.population.ids);
    for (const id of generated)
      expect(await body(c, `/api/neuron/id/${id}`)).not.toBe(await body(a, `/api/neuron/id/${id}`));
    for (const id of [1, 37, 604, 10037])
      expect(await body(c, `/api/neuron/id/${id}`)).toBe(await body(a, `/api/neuron/id/${id}`));
    expect(await body(c, '/api/neuron/id/700000')).toContain('(seed 12)');
  });
});

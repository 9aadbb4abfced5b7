import { describe, expect, it } from 'vitest';
import { fetchJson, fetchText, startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 1000 });

describe('/api/morphometry', () => {
  interface Measurements {
    _embedded?: { measurements: { neuron_id: number; neuron_name: string; fragmentation: number }[] };
    page: { size: number; totalElements: number };
  }

  it('answers every neuron with the 23 recorded keys, counts as floats', async () => {
    const id = replica.population.generatedIds[0] ?? 0;
    const { status, text } = await fetchText(replica, `/api/morphometry/id/${id}`);
    expect(status).toBe(200);
    expect(text).toMatch(/"n_stems":\d+\.0,"n_bifs":\d+\.0,"n_branch":\d+\.0/);
    expect(text).toContain(`"neuron_id":${id},`);
    expect(Object.keys(JSON.parse(text))).toHaveLength(23);
  });

  it('batches ids in one select, with the Neuron_id spelling too', async () => {
    const wanted = [1, 604, ...replica.population.generatedIds.slice(0, 3)];
    for (const field of ['neuron_id', 'Neuron_id']) {
      const { body } = await fetchJson<Measurements>(
        replica,
        `/api/morphometry/select?q=${field}:${wanted.join(',')}&page=0&size=500`,
      );
      expect(body.page.totalElements).toBe(5);
      expect(body._embedded?.measurements.map((m) => m.neuron_id).sort((a, b) => a - b)).toEqual(wanted);
    }
  });

  it('selects by neuron_name, and omits _embedded when empty', async () => {
    const { body } = await fetchJson<Measurements>(replica, '/api/morphometry/select?q=neuron_name:cnic_001');
    expect(body._embedded?.measurements.map((m) => m.neuron_id)).toEqual([1]);
    const { text } = await fetchText(replica, '/api/morphometry/select?q=neuron_id:999');
    expect(text).toBe('{"page":{"size":50,"totalElements":0,"totalPages":0,"number":0}}');
  });

  it('keeps raw floats in select bodies and pages batches', async () => {
    const { text } = await fetchText(replica, '/api/morphometry/select?q=neuron_id:1');
    expect(text).toContain('"n_stems":6.0');
    const { body } = await fetchJson<Measurements>(
      replica,
      `/api/morphometry/select?q=${encodeURIComponent('neuron_id:[1 TO *]')}&size=7`,
    );
    expect(body._embedded?.measurements).toHaveLength(7);
    expect(body.page.size).toBe(7);
  });

  it('answers by name, and 404 for unknown neurons', async () => {
    expect((await fetchText(replica, '/api/morphometry/name/v_e_moto1')).status).toBe(200);
    expect((await fetchJson(replica, '/api/morphometry/id/2')).body).toMatchObject({
      status: 404,
      path: '/api/morphometry/id/2',
    });
  });
});

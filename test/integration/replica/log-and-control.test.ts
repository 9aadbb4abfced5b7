import { beforeEach, describe, expect, it } from 'vitest';
import { fetchJson, fetchText, startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 100 });

beforeEach(() => {
  replica.clearLog();
  replica.faults.clear();
});

describe('request log and counters', () => {
  it('records every request in arrival order with its query, status and headers', async () => {
    await fetchText(
      replica,
      '/api/neuron/select?q=species%3Acat&fq=stain%3Alucifer+yellow&fq=strain%3AMacaque',
      {
        headers: { 'X-Test': 'yes' },
      },
    );
    await fetchText(replica, '/api/neuron/id/2');
    expect(replica.log).toHaveLength(2);
    const [select, missing] = replica.log;
    expect(select).toMatchObject({
      method: 'GET',
      path: '/api/neuron/select',
      url: '/api/neuron/select?q=species%3Acat&fq=stain%3Alucifer+yellow&fq=strain%3AMacaque',
      query: { q: ['species:cat'], fq: ['stain:lucifer yellow', 'strain:Macaque'] },
      status: 200,
    });
    expect(select?.headers['x-test']).toBe('yes');
    expect(typeof select?.at).toBe('number');
    expect(missing).toMatchObject({ path: '/api/neuron/id/2', status: 404 });
  });

  it('counts by path prefix and method; the control endpoint is not logged', async () => {
    await fetchText(replica, '/api/morphometry/select?q=neuron_id:1,604');
    await fetchText(replica, '/api/morphometry/id/1');
    await fetchText(replica, '/api/neuron/select', { method: 'POST', body: '{"species":["cat"]}' });
    await fetchText(replica, '/__replica/stats');
    expect(replica.count()).toBe(3);
    expect(replica.count({ pathPrefix: '/api/morphometry' })).toBe(2);
    expect(replica.count({ pathPrefix: '/api/morphometry/select' })).toBe(1);
    expect(replica.count({ method: 'post' })).toBe(1);
    expect(replica.count({ pathPrefix: '/api/neuron/select', method: 'GET' })).toBe(0);
  });

  it('clearLog empties the same array', async () => {
    const log = replica.log;
    await fetchText(replica, '/api/health');
    replica.clearLog();
    expect(log).toHaveLength(0);
    expect(replica.log).toBe(log);
  });
});

describe('control endpoint /__replica', () => {
  it('serves the log and stats, and clears the log', async () => {
    await fetchText(replica, '/api/neuron/id/1');
    await fetchText(replica, '/api/neuron/id/604');
    await fetchText(replica, '/dableFiles/burke/CNG%20version/v_e_moto1.CNG.swc');
    await fetchText(replica, '/api/neuron/select/?q=species:cat');
    const log = await fetchJson<{ path: string }[]>(replica, '/__replica/log');
    expect(log.body.map((e) => e.path)).toEqual([
      '/api/neuron/id/1',
      '/api/neuron/id/604',
      '/dableFiles/burke/CNG%20version/v_e_moto1.CNG.swc',
      '/api/neuron/select/',
    ]);
    expect((await fetchJson(replica, '/__replica/stats')).body).toEqual({
      total: 4,
      byPrefix: { '/api/neuron/id': 2, '/dableFiles': 1, '/api/neuron/select': 1 },
      byStatus: { 200: 4 },
    });
    expect((await fetch(`${replica.url}/__replica/log`, { method: 'DELETE' })).status).toBe(204);
    expect(replica.log).toHaveLength(0);
  });

  it('adds, lists and clears faults', async () => {
    const added = await fetch(`${replica.url}/__replica/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ route: '/api/health', status: 503, times: 1 }),
    });
    expect(added.status).toBe(201);
    expect(replica.faults.list()).toEqual([{ route: '/api/health', status: 503, times: 1 }]);
    expect((await fetchJson(replica, '/__replica/faults')).body).toEqual([
      { route: '/api/health', status: 503, times: 1 },
    ]);
    expect((await fetchText(replica, '/__replica/stats')).status).toBe(200);
    expect((await fetchText(replica, '/api/health')).status).toBe(503);
    await fetch(`${replica.url}/__replica/faults`, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 1 }),
    });
    expect((await fetch(`${replica.url}/__replica/faults`, { method: 'DELETE' })).status).toBe(204);
    expect(replica.faults.list()).toEqual([]);
  });

  it('rejects an invalid fault with 400 and reports the population', async () => {
    const bad = await fetch(`${replica.url}/__replica/faults`, { method: 'POST', body: '{"status":"x"}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid fault rule: status must be a number' });
    const population = await fetchJson<{ recordedIds: number[]; generatedIds: number[] }>(
      replica,
      '/__replica/population',
    );
    expect(population.body.recordedIds).toHaveLength(71);
    expect(population.body.generatedIds).toHaveLength(216);
  });
});

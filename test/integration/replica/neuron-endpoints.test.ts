import { describe, expect, it } from 'vitest';
import { fetchJson, fetchText, startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 1000 });

interface ListBody {
  _embedded?: { neuronResources: { neuron_id: number }[] };
  _links: Record<string, { href: string }>;
  page: { size: number; totalElements: number; totalPages: number; number: number };
}

describe('/api/neuron (list, layout unrecorded)', () => {
  it('pages in numeric id order with Spring HATEOAS links', async () => {
    const { body, status } = await fetchJson<ListBody>(replica, '/api/neuron?page=1&size=20');
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['_embedded', '_links', 'page']);
    const ids = body._embedded?.neuronResources.map((r) => r.neuron_id) ?? [];
    expect(ids).toEqual(replica.population.ids.slice(20, 40));
    const total = replica.population.ids.length;
    expect(body.page).toEqual({
      size: 20,
      totalElements: total,
      totalPages: Math.ceil(total / 20),
      number: 1,
    });
    expect(Object.keys(body._links)).toEqual(['first', 'prev', 'self', 'next', 'last']);
    expect(body._links.self?.href).toBe(`${replica.url}/api/neuron?page=1&size=20&sort=neuron_id,asc`);
    expect(body._links.last?.href).toBe(
      `${replica.url}/api/neuron?page=${Math.ceil(total / 20) - 1}&size=20&sort=neuron_id,asc`,
    );
  });

  it('defaults to size 50 from neuron 1, without prev on page 0', async () => {
    const { body } = await fetchJson<ListBody>(replica, '/api/neuron');
    expect(body._embedded?.neuronResources[0]?.neuron_id).toBe(1);
    expect(body.page.size).toBe(50);
    expect(Object.keys(body._links)).toEqual(['first', 'self', 'next', 'last']);
  });

  it('honours sort and drops _embedded past the end', async () => {
    const desc = await fetchJson<ListBody>(replica, '/api/neuron?size=3&sort=neuron_id,desc');
    expect(desc.body._embedded?.neuronResources.map((r) => r.neuron_id)).toEqual(
      replica.population.ids.slice(-3).reverse(),
    );
    const past = await fetchJson<ListBody>(replica, '/api/neuron?size=500&page=100');
    expect(past.body._embedded).toBeUndefined();
    expect(past.body.page.number).toBe(100);
  });
});

describe('/api/neuron/id and /name', () => {
  it('answers bare records for generated neurons, by id and by name alike', async () => {
    const id = replica.population.generatedIds[5] ?? 0;
    const byId = await fetchJson<{ neuron_id: number; neuron_name: string; _links: unknown }>(
      replica,
      `/api/neuron/id/${id}`,
    );
    expect(byId.status).toBe(200);
    expect(byId.body.neuron_id).toBe(id);
    const byName = await fetchText(replica, `/api/neuron/name/${encodeURIComponent(byId.body.neuron_name)}`);
    expect(JSON.parse(byName.text)).toEqual(byId.body);
  });

  it('finds names that need percent-encoding', async () => {
    const { body } = await fetchJson<{ _embedded: { neuronResources: { neuron_name: string }[] } }>(
      replica,
      `/api/neuron/select?q=${encodeURIComponent('neuron_name:*\\ (2)')}`,
    );
    const name = body._embedded.neuronResources[0]?.neuron_name ?? '';
    expect(name).toMatch(/ \(2\)$/);
    expect((await fetchText(replica, `/api/neuron/name/${encodeURIComponent(name)}`)).status).toBe(200);
  });

  it('answers the Spring 404 body for unknown ids and names, 400 for a non-numeric id', async () => {
    expect(await fetchJson(replica, '/api/neuron/id/999')).toEqual({
      status: 404,
      body: {
        status: 404,
        error: 'Not Found',
        message: 'Requested neuron not found',
        path: '/api/neuron/id/999',
      },
    });
    expect((await fetchJson(replica, '/api/neuron/name/CNIC_001')).status).toBe(404);
    const bad = await fetchJson<{ status: number; error: string }>(replica, '/api/neuron/id/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('Bad Request');
  });

  it('answers 404 (Spring body) for unknown paths and 405 for unsupported methods', async () => {
    expect(await fetchJson(replica, '/api/nothing/here')).toEqual({
      status: 404,
      body: { status: 404, error: 'Not Found', message: 'No message available', path: '/api/nothing/here' },
    });
    const response = await fetch(`${replica.url}/api/neuron/id/1`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('answers HEAD with headers only', async () => {
    const response = await fetch(`${replica.url}/api/neuron/id/1`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await response.text()).toBe('');
  });

  it('sends application/json and keeps connections alive', async () => {
    const response = await fetch(`${replica.url}/api/health`);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('connection')).toBe('keep-alive');
    expect(await response.json()).toEqual({ status: 'UP' });
  });
});

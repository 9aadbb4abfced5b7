import { describe, expect, it } from 'vitest';
import { fetchJson, fetchText, startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 1000 });

describe('/api/neuron/fields and /partition', () => {
  interface FieldValues {
    field_name: string;
    fields: string[];
    page: { size: number; totalPages: number; totalElements: number; number: number };
  }

  it('computes values of other fields from the population, most frequent first', async () => {
    const { body, status } = await fetchJson<FieldValues>(replica, '/api/neuron/fields/archive');
    expect(status).toBe(200);
    expect(body.field_name).toBe('archive');
    expect(body.fields).toContain('Wearne_Hof');
    expect(body.page).toEqual({
      size: body.fields.length,
      totalPages: 1,
      totalElements: body.fields.length,
      number: 0,
    });
    const partition = await fetchJson<{ fields: Record<string, number> }>(
      replica,
      '/api/neuron/partition/archive',
    );
    const counts = body.fields.map((value) => partition.body.fields[value] ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(replica.population.ids.length);
  });

  it('keeps value order for integer-like keys in partitions', async () => {
    const { text } = await fetchText(replica, '/api/neuron/partition/magnification');
    const fields = text.slice(text.indexOf('"fields":{') + 10, text.indexOf('},"page"'));
    const entries = fields.split(',').map((entry) => entry.split(':'));
    expect(entries.map(([key]) => key)).toContain('"100"');
    const counts = entries.map(([, count]) => Number(count));
    // A JS object would have moved "20", "40", "100"... into numeric order ahead of everything else.
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('counts array elements, and answers 400 for unknown fields', async () => {
    const { body } = await fetchJson<{ fields: Record<string, number> }>(
      replica,
      '/api/neuron/partition/brain_region',
    );
    expect(body.fields.neocortex).toBeGreaterThan(21);
    const bad = await fetchJson<{ status: number; message: string }>(replica, '/api/neuron/fields/colour');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('undefined field colour');
  });
});

describe('/api/literature (empty, as recorded)', () => {
  it('answers any select with the recorded empty layout', async () => {
    const { text } = await fetchText(
      replica,
      '/api/literature/select?q=brainRegion:neocortex&page=2&size=10',
    );
    expect(text).toBe(
      `{"_links":{"self":{"href":"${replica.url}/api/literature/select?page=2&size=10&sort=title,asc"}},"page":{"size":10,"totalElements":0,"totalPages":0,"number":2}}`,
    );
  });

  it('answers empty values for known fields, 400 for unknown ones, 404 by id', async () => {
    expect((await fetchJson(replica, '/api/literature/fields/journal')).body).toEqual({
      field_name: 'journal',
      fields: [],
      page: { size: 0, totalPages: 1, totalElements: 0, number: 0 },
    });
    expect((await fetchJson(replica, '/api/literature/partition/colour')).status).toBe(400);
    expect((await fetchJson(replica, '/api/literature/id/56e9c95de4b0355017b314d2')).status).toBe(404);
  });
});

describe('/api/pvec', () => {
  it('answers an empty 200 for known neurons, 404 for unknown ones', async () => {
    const known = await fetchText(replica, `/api/pvec/id/${replica.population.generatedIds[0]}`);
    expect(known).toMatchObject({ status: 200, text: '' });
    expect((await fetchText(replica, '/api/pvec/id/2')).status).toBe(404);
  });
});

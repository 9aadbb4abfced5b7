import { describe, expect, it } from 'vitest';
import { fetchJson, fetchText, startReplica } from '../../support/replica.js';

interface NeuronRecord {
  neuron_id: number;
  neuron_name: string;
  species: string;
  brain_region: string[];
  archive: string;
  [key: string]: unknown;
}
interface SelectBody {
  _embedded?: { neuronResources: NeuronRecord[] };
  page: { size: number; totalElements: number; totalPages: number; number: number };
}

const replica = await startReplica({ size: 2000 });

async function select(query: string): Promise<SelectBody> {
  const { status, body } = await fetchJson<SelectBody>(replica, `/api/neuron/select?${query}`);
  expect(status).toBe(200);
  return body;
}
const ids = (body: SelectBody): number[] => body._embedded?.neuronResources.map((r) => r.neuron_id) ?? [];
const q = (query: string): string => `q=${encodeURIComponent(query)}`;

describe('neuron select: paging', () => {
  it('defaults to 50 per page in ascending string order of neuron_id', async () => {
    const body = await select(q('species:mouse'));
    expect(body._embedded?.neuronResources).toHaveLength(50);
    expect(body.page.size).toBe(50);
    const strings = ids(body).map(String);
    expect(strings).toEqual([...strings].sort());
  });

  it('pages through totalElements without overlap', async () => {
    const first = await select(`${q('species:rat')}&size=40`);
    const total = first.page.totalElements;
    expect(first.page.totalPages).toBe(Math.ceil(total / 40));
    const seen = new Set<number>();
    for (let page = 0; page < first.page.totalPages; page++) {
      const body = await select(`${q('species:rat')}&size=40&page=${page}`);
      expect(body.page.number).toBe(page);
      for (const id of ids(body)) seen.add(id);
    }
    expect(seen.size).toBe(total);
  });

  it('clamps size to 500 and echoes the clamped size', async () => {
    const body = await select(`${q('*:*')}&size=2000`);
    expect(body.page.size).toBe(500);
    expect(body._embedded?.neuronResources).toHaveLength(500);
  });

  it('omits _embedded past the last page, echoing the requested page', async () => {
    const body = await select(`${q('species:cat')}&page=9`);
    expect(body).toEqual({ page: { size: 50, totalElements: 151, totalPages: 4, number: 9 } });
    expect(Object.keys(body)).toEqual(['page']);
  });

  it('omits _embedded when nothing matches', async () => {
    expect(await select(q('species:unicorn'))).toEqual({
      page: { size: 50, totalElements: 0, totalPages: 0, number: 0 },
    });
  });

  it('writes _embedded before page, page keys in the recorded order', async () => {
    const { text } = await fetchText(replica, `/api/neuron/select?${q('neuron_id:1')}`);
    expect(text.startsWith('{"_embedded":{"neuronResources":[{"neuron_id":1,')).toBe(true);
    expect(text.endsWith(',"page":{"size":50,"totalElements":1,"totalPages":1,"number":0}}')).toBe(true);
  });
});

describe('neuron select: sort', () => {
  it('sorts numerically on neuron_id, both directions', async () => {
    const asc = ids(await select(`${q('species:cat')}&sort=neuron_id,asc&size=500`));
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc[0]).toBe(604);
    const desc = ids(await select(`${q('species:cat')}&sort=neuron_id,desc&size=500`));
    expect(desc).toEqual([...asc].reverse());
  });

  it("accepts swcgeom's neuron_id,neuron_id,asc and sorts on text fields", async () => {
    const doubled = ids(await select(`${q('species:cat')}&sort=neuron_id,neuron_id,asc`));
    expect(doubled[0]).toBe(604);
    const names =
      (await select(`${q('archive:Wearne_Hof')}&sort=neuron_name,desc`))._embedded?.neuronResources.map(
        (r) => r.neuron_name,
      ) ?? [];
    expect(names).toEqual([...names].sort().reverse());
  });

  it('answers 400 for a multi-valued or unknown sort field', async () => {
    expect((await fetchText(replica, `/api/neuron/select?${q('*:*')}&sort=brain_region,asc`)).status).toBe(
      400,
    );
    expect((await fetchText(replica, `/api/neuron/select?${q('*:*')}&sort=colour`)).status).toBe(400);
  });
});

describe('neuron select: query syntax', () => {
  it('field:v1,v2 means any of them', async () => {
    const body = await select(`${q('species:cat,monkey')}&size=500`);
    expect(body.page.totalElements).toBe(151 + (await select(q('species:monkey'))).page.totalElements);
  });

  it('every fq must match too', async () => {
    const body = await select(
      `${q('species:cat,rat,monkey')}&fq=${encodeURIComponent('stain:lucifer yellow')}&fq=strain:Macaque`,
    );
    expect(ids(body)).toEqual(Array.from({ length: 20 }, (_, i) => 37 + i));
  });

  it('accepts spaces as +, %20 and ? wildcards', async () => {
    const plus = await select('q=stain:lucifer+yellow&fq=species:monkey');
    const percent = await select('q=stain:lucifer%20yellow&fq=species:monkey');
    const wildcard = await select('q=stain:lucifer?yellow&fq=species:monkey');
    expect(plus.page.totalElements).toBeGreaterThanOrEqual(21);
    expect(ids(percent)).toEqual(ids(plus));
    expect(ids(wildcard)).toEqual(ids(plus));
  });

  it('matches array fields on any element, case-insensitively', async () => {
    const body = await select(`${q('brain_region:Layer 3')}&size=500`);
    expect(body.page.totalElements).toBeGreaterThan(0);
    for (const record of body._embedded?.neuronResources ?? []) {
      expect(record.brain_region.map((r) => r.toLowerCase())).toContain('layer 3');
    }
  });

  it('supports the reference client forms: AND, OR with parentheses, *:*', async () => {
    const all = await select(q('*:*'));
    expect(all.page.totalElements).toBe(replica.population.ids.length);
    const and = await select(`${q('species:mouse AND brain_region:cerebellum')}&size=500`);
    for (const r of and._embedded?.neuronResources ?? []) {
      expect(r.species).toBe('mouse');
      expect(r.brain_region).toContain('cerebellum');
    }
    const or = await select(q('(species:cat OR species:monkey) AND archive:Wearne_Hof'));
    const mouse = await select(q('species:mouse'));
    const rat = await select(q('species:rat'));
    const mouseOrRat = await select(q('(species:mouse OR species:rat)'));
    expect(or.page.totalElements).toBeGreaterThanOrEqual(21);
    expect(mouseOrRat.page.totalElements).toBe(mouse.page.totalElements + rat.page.totalElements);
  });

  it('matches quoted phrases and wildcards, and numbers exactly', async () => {
    const quoted = await select(`${q('domain:"Dendrites, Soma, Axon"')}&size=500`);
    expect(quoted.page.totalElements).toBeGreaterThan(0);
    for (const r of quoted._embedded?.neuronResources ?? []) expect(r.domain).toBe('Dendrites, Soma, Axon');
    expect(ids(await select(q('neuron_id:1')))).toEqual([1]);
    expect(ids(await select(q('Neuron_id:1,10037,604')))).toEqual([1, 10037, 604]);
    const prefix = await select(`${q('neuron_name:cnic_0*')}&size=500`);
    expect(prefix._embedded?.neuronResources.every((r) => r.neuron_name.startsWith('cnic_0'))).toBe(true);
  });

  it('answers id batches (map lookup) exactly as a scan would', async () => {
    const wanted = [700003, 1, 604, 10037, 2, 700003, 650000].join(',');
    const batch = await select(`${q(`neuron_id:${wanted}`)}&size=500`);
    const scanned = await select(`${q(`neuron_id:${wanted} OR neuron_id:999999`)}&size=500`);
    expect(ids(batch)).toEqual([1, 10037, 604, 650000, 700003]);
    expect(batch).toEqual(scanned);
  });

  it('accepts the trailing-slash path', async () => {
    const { status, body } = await fetchJson<SelectBody>(
      replica,
      `/api/neuron/select/?${q('neuron_id:604')}`,
    );
    expect(status).toBe(200);
    expect(ids(body)).toEqual([604]);
  });

  it.each([
    ['a malformed query', q('species:(cat')],
    ['an unknown field', q('colour:red')],
    ['a missing q', 'fq=species:cat'],
  ])('answers 400 with a Spring body for %s', async (_label, query) => {
    const { status, body } = await fetchJson<Record<string, unknown>>(replica, `/api/neuron/select?${query}`);
    expect(status).toBe(400);
    expect(Object.keys(body)).toEqual(['status', 'error', 'message', 'path']);
    expect(body).toMatchObject({ status: 400, error: 'Bad Request', path: '/api/neuron/select' });
  });
});

describe('neuron select: POST with a JSON body', () => {
  const post = (body: unknown, query = '') =>
    fetchJson<SelectBody>(replica, `/api/neuron/select?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('ANDs keys and ORs the values of a key, paging from the query string', async () => {
    const { status, body } = await post(
      { species: ['cat', 'monkey'], stain: 'lucifer yellow', strain: ['Macaque'] },
      'size=10&page=1',
    );
    expect(status).toBe(200);
    expect(body.page).toEqual({ size: 10, totalElements: 20, totalPages: 2, number: 1 });
    expect(ids(body)).toEqual([47, 48, 49, 50, 51, 52, 53, 54, 55, 56]);
  });

  it('answers the same as the GET form', async () => {
    const viaPost = (
      await post({ species: ['mouse'], brain_region: ['neocortex', 'hippocampus'] }, 'size=500')
    ).body;
    const viaGet = await select(
      `${q('species:mouse')}&fq=${encodeURIComponent('brain_region:neocortex,hippocampus')}&size=500`,
    );
    expect(ids(viaPost)).toEqual(ids(viaGet));
  });

  it('answers 400 for a body that is not a JSON object', async () => {
    const response = await fetch(`${replica.url}/api/neuron/select/`, { method: 'POST', body: '[1,' });
    expect(response.status).toBe(400);
  });
});

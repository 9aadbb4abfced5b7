import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 600 });
const gateway = await startGateway(replica.url, { CACHE_DIR: await tempDir() });

async function codes(body: unknown): Promise<{ status: number; codes: unknown[] }> {
  const response = await gateway.post(body);
  const json = (await response.json()) as { errors?: Array<{ extensions?: { code?: unknown } }> };
  return { status: response.status, codes: (json.errors ?? []).map((error) => error.extensions?.code) };
}

const ALL_NEURON_FIELDS =
  'neuronId name archive species strain brainRegion cellType stain minAge maxAge raw ' +
  'measurement { length nStems nBifs surface volume fractalDim extras } urls { standardSwc thumbnail } ' +
  'cacheStatus { exists } filePlan { filename skip }';

describe('query limits (each with its own code, before any upstream request)', () => {
  it('rejects deep nesting with QUERY_TOO_DEEP', async () => {
    const deep = `{ __schema { types { ${'fields { type { '.repeat(10)}name${' } }'.repeat(10)} } } }`;
    expect((await codes({ query: deep })).codes).toContain('QUERY_TOO_DEEP');
  });

  it('rejects many aliases with TOO_MANY_ALIASES', async () => {
    const aliases = Array.from({ length: 60 }, (_, i) => `a${i}: neuronFields`).join(' ');
    expect((await codes({ query: `{ ${aliases} }` })).codes).toEqual(['TOO_MANY_ALIASES']);
  });

  it('rejects 10,000 aliases (the classic attack) cleanly, as too many tokens', async () => {
    const aliases = Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ');
    const result = await codes({ query: `{ ${aliases} }` });
    expect(result.codes).toEqual(['TOO_MANY_TOKENS']);
  });

  it('rejects many directives with TOO_MANY_DIRECTIVES', async () => {
    const fields = Array.from({ length: 25 }, (_, i) => `f${i}: __typename @include(if: true)`).join(' ');
    expect((await codes({ query: `{ ${fields} }` })).codes).toEqual(['TOO_MANY_DIRECTIVES']);
  });

  it('rejects too many selections with QUERY_TOO_BROAD (limit lowered for the test)', async () => {
    const narrow = await startGateway(replica.url, { MAX_BREADTH: '10' });
    const response = await narrow.post({ query: `{ neuron(id: 1) { ${ALL_NEURON_FIELDS} } }` });
    const body = (await response.json()) as {
      errors?: Array<{ extensions?: { code?: string; limit?: number } }>;
    };
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_BROAD']);
    expect(body.errors?.[0]?.extensions?.limit).toBe(10);
  });

  it('counts search sizes in the cost: QUERY_TOO_COMPLEX', async () => {
    const big = [0, 1, 2]
      .map((page) => `p${page}: search(size: 500, page: ${page}) { items { ${ALL_NEURON_FIELDS} } }`)
      .join(' ');
    const result = await codes({ query: `{ ${big} }` });
    expect(result.codes).toEqual(['QUERY_TOO_COMPLEX']);
    expect(replica.count({ pathPrefix: '/api' })).toBe(0);
  });

  it('the cost follows variables too', async () => {
    const pages = [0, 1, 2].map(
      (page) => `p${page}: search(size: $size, page: ${page}) { items { ${ALL_NEURON_FIELDS} } }`,
    );
    const query = `query($size: Int!) { ${pages.join(' ')} }`;
    expect((await codes({ query, variables: { size: 5 } })).codes).toEqual([]);
    expect((await codes({ query, variables: { size: 500 } })).codes).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it("accepts GraphiQL's introspection query", async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const query = getIntrospectionQuery({
      descriptions: true,
      inputValueDeprecation: true,
      specifiedByUrl: true,
    });
    expect((await codes({ query })).codes).toEqual([]);
  });

  it('accepts one full page of 500 neurons with everything', async () => {
    const result = await codes({ query: `{ search(size: 500) { items { ${ALL_NEURON_FIELDS} } } }` });
    expect(result.codes).toEqual([]);
  });

  it('refuses bodies over the limit with 413 BODY_TOO_LARGE', async () => {
    const response = await gateway.post({
      query: '{ neuronFields }',
      variables: { pad: 'x'.repeat(2_000_000) },
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BODY_TOO_LARGE' } }] });
  });

  it('bounds the operations in one HTTP batch', async () => {
    const batch = Array.from({ length: 11 }, () => ({ query: '{ neuronFields }' }));
    const response = await gateway.post(batch);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await response.json())).toMatch(/[Bb]atch/);
    const allowed = await gateway.post(batch.slice(0, 10));
    expect(allowed.status).toBe(200);
  });
});

describe('the examples in README.md', () => {
  it('all pass the default limits and run without errors', async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] as string);
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const query of examples) {
      if (/@(defer|stream)\b/.test(query)) {
        // Incremental answers come as multipart parts; every part must be free of errors.
        const response = await gateway.post({ query }, { accept: 'multipart/mixed' });
        const text = await response.text();
        expect(response.status, query).toBe(200);
        expect(text, query).not.toContain('"errors"');
        expect(text, query).toContain('"data"');
        continue;
      }
      const response = await gateway.post({ query });
      const body = (await response.json()) as { errors?: unknown[]; data?: unknown };
      expect(body.errors, query).toBeUndefined();
      expect(body.data, query).toBeTruthy();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

/**
 * With INTROSPECTION=false the schema is not published, so graphql-js's "Did you mean ...?" hints must
 * not spell it out one typo at a time. Each case names the schema element its hint would reveal.
 */
const replica = await startReplica({ size: 20 });
const closed = await startGateway(replica.url, { INTROSPECTION: 'false' });
const open = await startGateway(replica.url);

const CASES: Array<{
  what: string;
  body: { query: string; variables?: Record<string, unknown> };
  reveals: string;
}> = [
  { what: 'a field', body: { query: '{ neuronFeilds }' }, reveals: '"neuronFields"' },
  {
    what: 'a mutation',
    body: { query: 'mutation { downloadNeuon(id: 1) { folder } }' },
    reveals: '"downloadNeuron"',
  },
  { what: 'an argument', body: { query: '{ search(sze: 5) { totalElements } }' }, reveals: '"size"' },
  {
    what: 'an input field',
    body: { query: '{ search(filter: { specis: ["rat"] }) { totalElements } }' },
    reveals: '"species"',
  },
  {
    what: 'a type',
    body: { query: 'query($f: NeuronFiltr) { search(filter: $f) { totalElements } }' },
    reveals: '"NeuronFilter"',
  },
  {
    what: 'an enum value (literal)',
    body: { query: '{ neuron(id: 1) { filePlan(mode: BOT) { kind } } }' },
    reveals: '"BOTH"',
  },
  {
    what: 'an enum value (variable)',
    body: {
      query: 'query($mode: DownloadMode!) { neuron(id: 1) { filePlan(mode: $mode) { kind } } }',
      variables: { mode: 'BOT' },
    },
    reveals: '"BOTH"',
  },
  {
    what: 'an input field (variable)',
    body: {
      query: 'query($f: NeuronFilter) { search(filter: $f) { totalElements } }',
      variables: { f: { specis: ['rat'] } },
    },
    reveals: 'species',
  },
  {
    what: 'the implementing type of an interface',
    body: { query: '{ node(id: "TmV1cm9uOjE=") { name } }' },
    reveals: '"Neuron"',
  },
];

async function errorsOf(gateway: TestGateway, body: unknown) {
  const response = await gateway.post(body);
  const json = (await response.json()) as {
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  return json.errors ?? [];
}

describe('with INTROSPECTION=false, errors suggest nothing', () => {
  it.each(CASES)('$what', async ({ body, reveals }) => {
    const hinted = await errorsOf(open, body);
    expect(hinted.map((error) => error.message).join(' ')).toContain('Did you mean');
    expect(hinted.map((error) => error.message).join(' ')).toContain(reveals);

    const errors = await errorsOf(closed, body);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.message).not.toContain('Did you mean');
      expect(error.message).not.toContain(reveals);
      expect(error.extensions?.code).toMatch(/^[A-Z_]+$/);
    }
  });

  it('still refuses introspection', async () => {
    const errors = await errorsOf(closed, { query: '{ __schema { types { name } } }' });
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors[0]?.message).toMatch(/introspection/i);
  });
});

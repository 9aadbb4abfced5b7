import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 20 });
const gateway = await startGateway(replica.url);

async function raw(body: BodyInit, contentType: string) {
  const response = await fetch(gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, accept: 'application/graphql-response+json' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

async function stillServing() {
  const response = await gateway.post({ query: '{ neuron(id: 1) { name } }' });
  expect(await response.json()).toEqual({ data: { neuron: { name: 'cnic_001' } } });
}

describe('hostile inputs get a clean error and the server keeps serving', () => {
  it.each([
    [
      'invalid UTF-8',
      Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      'application/json',
    ],
    ['broken JSON', '{"query": "{ neuronFields }"', 'application/json'],
    ['a wrong content type', 'query=%7BneuronFields%7D', 'application/xml'],
    ['plain text', '{ neuronFields }', 'text/plain'],
    ['an empty body', '', 'application/json'],
    ['a query that is not a string', '{"query": 42}', 'application/json'],
    [
      'variables that are not an object',
      '{"query": "{ neuronFields }", "variables": [1]}',
      'application/json',
    ],
  ])('%s', async (_what, body, contentType) => {
    const result = await raw(body, contentType);
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.text).not.toMatch(/\s+at .+:\d+:\d+/);
    await stillServing();
  });

  it('a batch of non-operations gets one BAD_REQUEST per entry', async () => {
    const result = await raw('[1,2,3]', 'application/json');
    const entries = JSON.parse(result.text) as Array<{ errors: Array<{ extensions: { code: string } }> }>;
    expect(entries.map((entry) => entry.errors[0]?.extensions.code)).toEqual([
      'BAD_REQUEST',
      'BAD_REQUEST',
      'BAD_REQUEST',
    ]);
    await stillServing();
  });

  it('huge variables are refused by the body limit', async () => {
    const response = await gateway.post({
      query: '{ neuronFields }',
      variables: { v: 'x'.repeat(5_000_000) },
    });
    expect(response.status).toBe(413);
    await stillServing();
  });

  it('unexpected failures are masked without a stack trace', async () => {
    replica.faults.add({ route: '/api/neuron/fields', emptyBody: true });
    const response = await gateway.post({ query: '{ neuronFields }' });
    const text = await response.text();
    expect(text).not.toMatch(/\s+at .+:\d+:\d+/);
    expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'UPSTREAM_ERROR' } }] });
    replica.faults.clear();
    await stillServing();
  });
});

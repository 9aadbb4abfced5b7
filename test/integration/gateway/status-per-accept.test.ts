import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 50 });
const gateway = await startGateway(replica.url);

async function answer(query: string, accept: string) {
  const response = await gateway.post({ query }, { accept });
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code };
}

// What README's error table promises: the GraphQL-over-HTTP spec lets a server answer request errors
// with 200 under the legacy `application/json`, and requires 4xx under `application/graphql-response+json`.
describe('HTTP status of request errors, by Accept', () => {
  it.each([
    ['a parse error', '{ neuron(id: 1) { name }', 'GRAPHQL_PARSE_FAILED'],
    ['a validation error', '{ neuron(id: 1) { noSuchField } }', 'GRAPHQL_VALIDATION_FAILED'],
  ])(
    '%s: 400 with application/graphql-response+json, 200 with application/json',
    async (_what, query, code) => {
      expect(await answer(query, 'application/graphql-response+json')).toEqual({ status: 400, code });
      expect(await answer(query, 'application/json')).toEqual({ status: 200, code });
    },
  );

  it('an execution error with partial data is 200 under either', async () => {
    const query = '{ ok: neuron(id: 1) { neuronId } bad: neuron(id: 0) { neuronId } }';
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      expect(await answer(query, accept)).toEqual({ status: 200, code: 'BAD_USER_INPUT' });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startCraftedUpstream } from './crafted-upstream.js';

// NeuroMorpho's order is not stable between requests and a page may repeat a neuron: here neuron 5 sits
// at positions 0 and 1 of the result.
const record = (id: number) => `{"neuron_id": ${id}, "neuron_name": "n${id}", "archive": "Lab"}`;
const crafted = await startCraftedUpstream({ neurons: [record(5), record(5), record(6), record(7)] });
const gateway = await startGateway(crafted.url);

interface Connection {
  searchConnection: {
    edges: Array<{ cursor: string; node: { neuronId: number } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const page = (args: string) =>
  gateway.execute<Connection, object>(
    `{ searchConnection(q: "archive:Lab", ${args}) { edges { cursor node { neuronId } } pageInfo { hasNextPage endCursor } } }`,
  );

describe('searchConnection deduplicates within one call only (cursors are stateless)', () => {
  it('returns a neuron listed twice in one call once', async () => {
    const { data, errors } = await page('first: 4');
    expect(errors).toBeUndefined();
    expect(data?.searchConnection.edges.map((edge) => edge.node.neuronId)).toEqual([5, 6, 7]);
  });

  it('remembers nothing between calls: the repeat comes again on the next page', async () => {
    const first = await page('first: 1');
    expect(first.data?.searchConnection.edges.map((edge) => edge.node.neuronId)).toEqual([5]);
    const after = first.data?.searchConnection.pageInfo.endCursor;
    const second = await page(`first: 1, after: ${JSON.stringify(after)}`);
    expect(second.errors).toBeUndefined();
    expect(second.data?.searchConnection.edges.map((edge) => edge.node.neuronId)).toEqual([5]);
    expect(second.data?.searchConnection.pageInfo.hasNextPage).toBe(true);
  });

  it('says so in its schema description', async () => {
    const { data } = await gateway.execute<
      { __type: { fields: Array<{ name: string; description: string }> } },
      object
    >('{ __type(name: "Query") { fields { name description } } }');
    const description = data?.__type.fields.find((field) => field.name === 'searchConnection')?.description;
    expect(description).toMatch(/within one call is returned once/);
    expect(description).toMatch(/stateless/);
  });
});

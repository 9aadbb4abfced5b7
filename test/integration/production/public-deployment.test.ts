import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 20 });
const allowListFile = join(await tempDir(), 'operations.json');
await writeFile(
  allowListFile,
  JSON.stringify({ neuronName: 'query NeuronName($id: Int!) { neuron(id: $id) { name } }' }),
);
const locked = await startGateway(replica.url, {
  PERSISTED_OPERATIONS_FILE: allowListFile,
  INTROSPECTION: 'false',
});

const codeOf = async (response: Response) =>
  ((await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions
    ?.code;

describe('persisted operations (allow-list)', () => {
  it('runs a listed operation by id (documentId or Apollo persistedQuery hash)', async () => {
    const byDocumentId = await locked.post({ documentId: 'neuronName', variables: { id: 1 } });
    expect(await byDocumentId.json()).toEqual({ data: { neuron: { name: 'cnic_001' } } });
    const byHash = await locked.post({
      variables: { id: 37 },
      extensions: { persistedQuery: { version: 1, sha256Hash: 'neuronName' } },
    });
    expect(await byHash.json()).toEqual({ data: { neuron: { name: 'cnic_013' } } });
  });

  it('refuses any other document', async () => {
    expect(await codeOf(await locked.post({ query: '{ neuronFields }' }))).toBe('PERSISTED_QUERY_ONLY');
    expect(await codeOf(await locked.post({ documentId: 'unknown' }))).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('introspection switched off', () => {
  it('refuses introspection and serves no GraphiQL page', async () => {
    const open = await startGateway(replica.url, { INTROSPECTION: 'false' });
    const response = await open.post({ query: '{ __schema { queryType { name } } }' });
    expect(JSON.stringify(await response.json())).toMatch(/introspection/i);
    const page = await fetch(open.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });

  it('is on by default', async () => {
    const open = await startGateway(replica.url);
    const response = await open.post({ query: '{ __schema { queryType { name } } }' });
    expect(await response.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

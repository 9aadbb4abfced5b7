import { request } from 'undici';
import { beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { createOrThrow, waitForDataset } from '../datasets/support.js';

const replica = await startReplica({ size: 300 });
const upstreamRequests = () => replica.count({ pathPrefix: '/api' });
const ADMIN_TOKEN = 'a-token-long-enough-for-the-gateway';

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

const NESTED = `query Nested($q: String!, $size: Int!) {
  search(q: $q, size: $size) { totalElements items { neuronId name species measurement { nStems length } } }
}`;
const STATUS = `query Status($id: Int!) { neuron(id: $id) { neuronId name cacheStatus { exists metadataExists folder } } }`;

interface AnswerData {
  search?: { items: Array<Record<string, unknown>> };
  neuron?: { cacheStatus: { exists: boolean; folder: string | null } } | null;
}

interface Answer {
  status: number;
  cache: string | null;
  body: { data?: AnswerData | null; errors?: unknown[]; extensions?: { stale?: boolean } };
  text: string;
}

async function ask(
  gateway: TestGateway,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await gateway.post({ query, variables }, headers);
  const text = await response.text();
  return {
    status: response.status,
    cache: response.headers.get('x-response-cache'),
    body: JSON.parse(text),
    text,
  };
}

/** An answer is kept the second time it is computed (admission), and served from the third on. */
async function askUntilKept(gateway: TestGateway, query: string, variables: Record<string, unknown> = {}) {
  await ask(gateway, query, variables);
  return ask(gateway, query, variables);
}

describe('whole-response cache (memory, in this process)', () => {
  it('a repeated identical query is answered from the cache: no upstream request, x-response-cache: hit', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory' });
    const variables = { q: 'species:rat', size: 12 };
    const first = await ask(gateway, NESTED, variables);
    expect(first.cache).toBe('miss');
    expect(upstreamRequests()).toBe(2);
    const second = await ask(gateway, NESTED, variables);
    expect(second.cache).toBe('miss');
    replica.clearLog();
    const third = await ask(gateway, NESTED, variables);
    expect(third.cache).toBe('hit');
    expect(upstreamRequests()).toBe(0);
    // Byte for byte the answer that was computed, fields in the query's order.
    expect(third.text).toBe(first.text);
    const item = third.body.data?.search?.items[0];
    expect(Object.keys(item ?? {})).toEqual(['neuronId', 'name', 'species', 'measurement']);
  });

  it('different variables do not share an entry', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory' });
    await askUntilKept(gateway, NESTED, { q: 'species:mouse', size: 5 });
    const other = await ask(gateway, NESTED, { q: 'species:mouse', size: 6 });
    expect(other.cache).toBe('miss');
    expect(other.body.data?.search?.items).toHaveLength(6);
  });

  it('a caller that may write (and sees paths) and one that may not do not share an entry', async () => {
    const cacheDir = await tempDir();
    const gateway = await startGateway(replica.url, {
      CACHE_STORE: 'memory',
      CACHE_DIR: cacheDir,
      ADMIN_TOKEN,
    });
    const writer = { authorization: `Bearer ${ADMIN_TOKEN}` };
    await gateway.post({ query: 'mutation { downloadNeuron(id: 37, mode: STANDARD) { folder } }' }, writer);
    for (let i = 0; i < 3; i++) await ask(gateway, STATUS, { id: 37 }, writer);
    const asWriter = await ask(gateway, STATUS, { id: 37 }, writer);
    expect(asWriter.cache).toBe('hit');
    const folder = asWriter.body.data?.neuron?.cacheStatus.folder;
    expect(folder).toBe(`${cacheDir}/37`);
    const asReader = await ask(gateway, STATUS, { id: 37 });
    expect(asReader.cache).toBe('miss');
    expect(asReader.body.data?.neuron?.cacheStatus.folder).toBeNull();
  });

  it('downloadNeuron, removeCachedNeuron and clearCache change cacheStatus in the next answer', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory', CACHE_DIR: await tempDir() });
    const exists = async () => {
      const answer = await ask(gateway, STATUS, { id: 38 });
      return answer.body.data?.neuron?.cacheStatus.exists;
    };
    await askUntilKept(gateway, STATUS, { id: 38 });
    expect((await ask(gateway, STATUS, { id: 38 })).cache).toBe('hit');
    expect(await exists()).toBe(false);
    await gateway.post({ query: 'mutation { downloadNeuron(id: 38, mode: STANDARD) { folder } }' });
    expect(await exists()).toBe(true);
    await askUntilKept(gateway, STATUS, { id: 38 });
    expect((await ask(gateway, STATUS, { id: 38 })).cache).toBe('hit');
    await gateway.post({ query: 'mutation { removeCachedNeuron(id: 38) }' });
    expect(await exists()).toBe(false);
    await gateway.post({ query: 'mutation { downloadNeuron(id: 38, mode: STANDARD) { folder } }' });
    await askUntilKept(gateway, STATUS, { id: 38 });
    expect(await exists()).toBe(true);
    await gateway.post({ query: 'mutation { clearCache }' });
    expect(await exists()).toBe(false);
  });

  it('a dataset job that downloads a neuron changes its cacheStatus in the next answer', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory', CACHE_DIR: await tempDir() });
    await askUntilKept(gateway, STATUS, { id: 39 });
    expect((await ask(gateway, STATUS, { id: 39 })).cache).toBe('hit');
    const created = await createOrThrow(gateway, { ids: [39], mode: 'STANDARD' });
    const finished = await waitForDataset(gateway, created.id);
    expect(finished.status).toBe('DONE');
    const after = await ask(gateway, STATUS, { id: 39 });
    expect(after.cache).toBe('miss');
    expect(after.body.data?.neuron?.cacheStatus.exists).toBe(true);
  });

  it('an answer with errors is never kept', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory', UPSTREAM_RETRIES: '1' });
    replica.faults.add({ route: '/api', status: 503 });
    const query = '{ neuron(id: 40) { name } }';
    for (let i = 0; i < 3; i++) {
      const answer = await ask(gateway, query);
      expect(answer.body.errors?.length).toBeGreaterThan(0);
      expect(answer.cache).toBe('miss');
    }
    replica.faults.clear();
    const recovered = await ask(gateway, query);
    expect(recovered.cache).toBe('miss');
    expect(recovered.body.errors).toBeUndefined();
  });

  it('a stale-if-error answer is never kept, and a kept answer is not served past its TTL', async () => {
    let now = Date.now();
    const gateway = await startGateway(
      replica.url,
      { CACHE_STORE: 'memory', CACHE_TTL_RECORD_MS: '60000', UPSTREAM_RETRIES: '1' },
      { now: () => now },
    );
    const query = '{ neuron(id: 42) { name } }';
    await askUntilKept(gateway, query);
    expect((await ask(gateway, query)).cache).toBe('hit');
    now += 60_000;
    replica.faults.add({ route: '/api', status: 503 });
    for (let i = 0; i < 3; i++) {
      const answer = await ask(gateway, query);
      expect(answer.cache).toBe('miss');
      expect(answer.body.extensions?.stale).toBe(true);
    }
    replica.faults.clear();
    const fresh = await ask(gateway, query);
    expect(fresh.body.extensions).toBeUndefined();
    expect(fresh.cache).toBe('miss');
  });

  it('mutations and @defer answers are never served from the cache', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory', CACHE_DIR: await tempDir() });
    for (let i = 0; i < 3; i++) {
      const removed = await ask(gateway, 'mutation { removeCachedNeuron(id: 43) }');
      expect(removed.cache).toBe('miss');
    }
    const deferred = '{ neuron(id: 44) { name ... @defer { measurement { nStems } } } }';
    for (let i = 0; i < 3; i++) {
      const response = await gateway.post({ query: deferred }, { accept: 'multipart/mixed' });
      expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed/);
      expect(response.headers.get('x-response-cache')).toBe('miss');
      const text = await response.text();
      expect(text).toContain('"nStems"');
      expect(text).toContain('"hasNext":false');
    }
  });

  it('GET queries keep their ETag and 304, from the cache too', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory' });
    // undici's request, not fetch: fetch adds Cache-Control: no-cache to a conditional request.
    const get = async (headers: Record<string, string> = {}) => {
      const path = `/graphql?query=${encodeURIComponent('{ neuron(id: 45) { name } }')}`;
      const answer = await request(`${gateway.url}${path}`, {
        headers: { accept: 'application/graphql-response+json', ...headers },
      });
      return { status: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
    };
    const first = await get();
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers['last-modified']).toBeUndefined();
    await get();
    const hit = await get();
    expect(hit.headers['x-response-cache']).toBe('hit');
    expect(hit.headers['etag']).toBe(etag);
    expect(hit.text).toBe(first.text);
    const notModified = await get({ 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    // POST answers carry no validator: the plugin's own ETag names its cache key, and is removed.
    const posted = await gateway.post({ query: '{ neuron(id: 45) { name } }' });
    expect(posted.headers.get('etag')).toBeNull();
    expect(posted.headers.get('last-modified')).toBeNull();
  });

  it('RESPONSE_CACHE=off answers every request by executing it', async () => {
    const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory', RESPONSE_CACHE: 'off' });
    for (let i = 0; i < 3; i++) expect((await ask(gateway, '{ neuron(id: 46) { name } }')).cache).toBeNull();
  });
});

import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 200 });
const gateway = await startGateway(replica.url);
const pageQuery = '{ search(size: 50) { items { neuronId name species brainRegion cellType } } }';

/** A raw request (undici's request does not decompress), so the test sees what was on the wire. */
async function raw(path: string, headers: Record<string, string> = {}, body?: string) {
  const answer = await request(`${gateway.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { accept: 'application/graphql-response+json', ...headers },
    ...(body === undefined ? {} : { body }),
  });
  return {
    status: answer.statusCode,
    headers: answer.headers,
    bytes: Buffer.from(await answer.body.arrayBuffer()),
  };
}

const post = (query: string, headers: Record<string, string> = {}) =>
  raw('/graphql', { 'content-type': 'application/json', ...headers }, JSON.stringify({ query }));
const getQuery = (query: string, headers: Record<string, string> = {}) =>
  raw(`/graphql?query=${encodeURIComponent(query)}`, headers);

describe('response compression', () => {
  it('sends brotli when the client prefers it, gzip when that is all it takes, and the same answer', async () => {
    const plain = await post(pageQuery);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const answer = JSON.parse(plain.bytes.toString()) as { data: unknown };
    expect(plain.bytes.length).toBeGreaterThan(2048);

    const br = await post(pageQuery, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.bytes).toString())).toEqual(answer);

    const gz = await post(pageQuery, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.bytes).toString())).toEqual(answer);

    const refused = await post(pageQuery, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('leaves small answers uncompressed', async () => {
    const small = await post('{ neuron(id: 1) { name } }', { 'accept-encoding': 'br, gzip' });
    expect(small.bytes.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});

describe('ETag and 304 for GET queries', () => {
  it('answers a repeated GET with 304 and no body while the answer is unchanged', async () => {
    const first = await getQuery(pageQuery);
    expect(first.status).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');

    const again = await getQuery(pageQuery, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);

    const compressed = await getQuery(pageQuery, { 'if-none-match': etag, 'accept-encoding': 'br' });
    expect(compressed.status).toBe(304);

    const other = await getQuery('{ search(size: 5) { items { neuronId } } }', { 'if-none-match': etag });
    expect(other.status).toBe(200);
    expect(other.headers.etag).not.toBe(etag);
  });

  it('gives POSTs no ETag (they are not cacheable)', async () => {
    expect((await post(pageQuery)).headers.etag).toBeUndefined();
  });
});

describe('@defer and @stream', () => {
  it('sends the neurons first and their measurements in later parts of a multipart answer', async () => {
    const query = `{ search(size: 3) { items { neuronId ... @defer(label: "m") { measurement { nBifs } } } } }`;
    const answer = await post(query, { accept: 'multipart/mixed' });
    expect(answer.status).toBe(200);
    expect(String(answer.headers['content-type'])).toMatch(/^multipart\/mixed/);
    const parts = answer.bytes
      .toString()
      .split(/\r?\n---/)
      .map((part) => /\{.*\}/s.exec(part)?.[0])
      .filter((json): json is string => json !== undefined)
      .map((json) => JSON.parse(json) as { data?: { search: { items: object[] } }; incremental?: object[] });
    const initial = parts[0];
    expect(initial?.data?.search.items).toHaveLength(3);
    for (const item of initial?.data?.search.items ?? []) expect(item).not.toHaveProperty('measurement');
    const deferred = parts.slice(1).flatMap((part) => part.incremental ?? []);
    expect(deferred).toHaveLength(3);
    for (const piece of deferred) expect(piece).toMatchObject({ data: { measurement: {} } });
  });

  it('streams list items with @stream', async () => {
    const query = '{ neurons(ids: [1, 37, 604]) @stream(initialCount: 1) { neuronId } }';
    const answer = await post(query, { accept: 'multipart/mixed' });
    const text = answer.bytes.toString();
    expect(String(answer.headers['content-type'])).toMatch(/^multipart\/mixed/);
    expect(text).toContain('"incremental"');
    expect(text).toContain('"items":[{"neuronId":37}]');
  });
});

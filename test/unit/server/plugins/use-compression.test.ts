import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { useCompression } from '../../../../src/server/plugins/use-compression.js';
import { servePlugins } from './plugin-server.js';

const BIG = JSON.stringify({
  data: { items: Array.from({ length: 100 }, (_, i) => ({ id: i, name: `n${i}` })) },
});
const SMALL = '{"data":{"a":1}}';

async function serve() {
  return servePlugins([useCompression()], {
    handler: (request) =>
      new Response(new URL(request.url).searchParams.has('small') ? SMALL : BIG, {
        headers: { 'content-type': 'application/json', vary: 'Origin' },
      }),
  });
}

const get = async (url: string, headers: Record<string, string>) => {
  const answer = await request(url, { headers });
  return { headers: answer.headers, bytes: Buffer.from(await answer.body.arrayBuffer()) };
};

/**
 * A server whose answer is sent in two parts, the second only once `sendSecond` is called: a client that
 * reads the first part before calling it proves nothing waited for the whole body.
 */
async function serveInTwoParts(first: string, second: string, contentType: string) {
  let sendSecond: () => void = () => {};
  const secondMayCome = new Promise<void>((resolve) => {
    sendSecond = resolve;
  });
  const encoder = new TextEncoder();
  const { url } = await servePlugins([useCompression()], {
    handler: () =>
      new Response(
        new ReadableStream({
          async start(controller) {
            controller.enqueue(encoder.encode(first));
            await secondMayCome;
            controller.enqueue(encoder.encode(second));
            controller.close();
          },
        }),
        { headers: { 'content-type': contentType } },
      ),
  });
  return { url, sendSecond: () => sendSecond() };
}

describe('useCompression', () => {
  it('sends brotli when preferred, gzip when that is all, identity when neither; Vary keeps Origin', async () => {
    const { url } = await serve();
    const br = await get(`${url}/graphql`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-length']).toBe(String(br.bytes.length));
    expect(br.headers.vary).toBe('Origin, Accept-Encoding');
    expect(brotliDecompressSync(br.bytes).toString()).toBe(BIG);
    const gz = await get(`${url}/graphql`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.bytes).toString()).toBe(BIG);
    const none = await get(`${url}/graphql`, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.bytes.toString()).toBe(BIG);
  });

  it('leaves answers under 1 KiB as they are', async () => {
    const { url } = await serve();
    const small = await get(`${url}/graphql?small`, { 'accept-encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.bytes.toString()).toBe(SMALL);
  });

  it('streams an incremental answer as it is produced: the first part arrives before the next exists', async () => {
    const { url, sendSecond } = await serveInTwoParts(
      `---\r\n${'{"data":1}'.padEnd(2000)}\r\n`,
      '---\r\n{"incremental":[]}\r\n-----\r\n',
      'multipart/mixed; boundary="-"',
    );
    const answer = await request(`${url}/graphql`, { headers: { 'accept-encoding': 'br' } });
    expect(answer.headers['content-encoding']).toBeUndefined();
    const reader = answer.body[Symbol.asyncIterator]();
    const first = String((await reader.next()).value);
    expect(first).toContain('{"data":1}');
    sendSecond();
    let rest = '';
    for (let chunk = await reader.next(); !chunk.done; chunk = await reader.next())
      rest += String(chunk.value);
    expect(rest).toContain('"incremental"');
  });

  it('leaves the body unread for a client that takes no encoding: it streams through, Vary still names it', async () => {
    const { url, sendSecond } = await serveInTwoParts(
      `{"data":${JSON.stringify('x'.repeat(2000))}`,
      '}',
      'application/json',
    );
    const answer = await request(`${url}/graphql`);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.vary).toBe('Accept-Encoding');
    const reader = answer.body[Symbol.asyncIterator]();
    // Arrives before the rest exists: nothing waited for the whole body.
    let text = String((await reader.next()).value);
    expect(text).toContain('"data"');
    sendSecond();
    for (let chunk = await reader.next(); !chunk.done; chunk = await reader.next())
      text += String(chunk.value);
    expect(JSON.parse(text)).toEqual({ data: 'x'.repeat(2000) });
  });
});

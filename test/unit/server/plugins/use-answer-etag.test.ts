import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { useAnswerEtag, weakEtag } from '../../../../src/server/plugins/use-answer-etag.js';
import { servePlugins } from './plugin-server.js';

const ANSWER = JSON.stringify({ data: { a: 'x'.repeat(50) } });
const json = () => new Response(ANSWER, { headers: { 'content-type': 'application/json' } });

describe('useAnswerEtag', () => {
  it('gives a GET answer a weak ETag and no-cache, and answers 304 with no body to a current copy', async () => {
    const { url } = await servePlugins([useAnswerEtag()], { handler: json });
    const first = await request(`${url}/graphql?query=x`);
    expect(first.headers.etag).toBe(weakEtag(Buffer.from(ANSWER)));
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(await first.body.text()).toBe(ANSWER);
    const again = await request(`${url}/graphql?query=x`, {
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.headers['content-type']).toBeUndefined();
    expect(await again.body.text()).toBe('');
    const stale = await request(`${url}/graphql?query=x`, { headers: { 'if-none-match': 'W/"old"' } });
    expect(stale.statusCode).toBe(200);
    expect(await stale.body.text()).toBe(ANSWER);
  });

  it('gives POSTs, errors and incremental answers none', async () => {
    const { url } = await servePlugins([useAnswerEtag()], {
      handler: (request) =>
        new URL(request.url).searchParams.has('fail')
          ? new Response(ANSWER, { status: 400 })
          : new URL(request.url).searchParams.has('parts')
            ? new Response('---', { headers: { 'content-type': 'multipart/mixed; boundary="-"' } })
            : json(),
    });
    const post = await request(`${url}/graphql`, { method: 'POST', body: '{}' });
    const failed = await request(`${url}/graphql?fail`);
    const parts = await request(`${url}/graphql?parts`);
    for (const answer of [post, failed, parts]) {
      expect(answer.headers.etag).toBeUndefined();
      await answer.body.dump();
    }
  });
});

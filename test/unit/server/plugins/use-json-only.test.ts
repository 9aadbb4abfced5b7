import { describe, expect, it } from 'vitest';
import { useJsonOnly } from '../../../../src/server/plugins/use-json-only.js';
import { servePlugins } from './plugin-server.js';

const post = (url: string, contentType: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: '{"query":"{ a }"}',
  });

/** Types any page may POST without a preflight (and application/graphql, which yoga would parse). */
const NOT_JSON = [
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'application/graphql',
];

describe('useJsonOnly', () => {
  it('refuses every POST that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE before anything runs', async () => {
    const { url, seen } = await servePlugins([useJsonOnly()]);
    for (const type of NOT_JSON) {
      const answer = await post(url, type);
      expect(answer.status, type).toBe(415);
      expect(await answer.json()).toMatchObject({
        errors: [{ extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }],
      });
    }
    expect((await post(url, 'application/json; charset=utf-8')).status).toBe(200);
    expect((await fetch(`${url}/graphql?query=%7Ba%7D`)).status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it("gives a body-less 415 from behind it (yoga's) the same readable body", async () => {
    const { url } = await servePlugins([useJsonOnly()], {
      handler: () => new Response(null, { status: 415 }),
    });
    const answer = await post(url, 'application/json');
    expect(answer.status).toBe(415);
    expect(await answer.json()).toMatchObject({
      errors: [{ extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }],
    });
  });
});

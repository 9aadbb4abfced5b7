import { brotliDecompressSync } from 'node:zlib';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { compressVariants } from '../../../../src/server/compression.js';
import type { GraphiQLAssets } from '../../../../src/server/graphiql-assets.js';
import { useGraphiQLAssets } from '../../../../src/server/plugins/use-graphiql-assets.js';
import { servePlugins } from './plugin-server.js';

const CODE = Buffer.from(`console.log(${JSON.stringify('x'.repeat(4000))});`);

/** One asset, as createGraphiQLAssets holds them (without loading GraphiQL's 9 MB bundle). */
async function oneAsset(): Promise<GraphiQLAssets> {
  const asset = {
    contentType: 'text/javascript; charset=utf-8',
    etag: '"abc123"',
    variants: await compressVariants(CODE),
  };
  return {
    render: async () => '<!doctype html>',
    asset: async (name) => (name === 'graphiql.abc123.js' ? asset : null),
  };
}

describe('useGraphiQLAssets', () => {
  it('serves a hashed file compressed, immutable, with its ETag, and 304 for a current copy', async () => {
    const { url } = await servePlugins([useGraphiQLAssets(await oneAsset())]);
    const path = `${url}/graphiql/assets/graphiql.abc123.js`;
    const br = await request(path, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers).toMatchObject({
      'content-encoding': 'br',
      'cache-control': 'public, max-age=31536000, immutable',
      etag: '"abc123"',
      vary: 'Accept-Encoding',
      'content-type': 'text/javascript; charset=utf-8',
    });
    expect(brotliDecompressSync(Buffer.from(await br.body.arrayBuffer())).equals(CODE)).toBe(true);
    const plain = await request(path);
    expect(plain.headers['content-length']).toBe(String(CODE.length));
    expect(Buffer.from(await plain.body.arrayBuffer()).equals(CODE)).toBe(true);
    const again = await request(path, { headers: { 'if-none-match': '"abc123"' } });
    expect(again.statusCode).toBe(304);
    await again.body.dump();
  });

  it('404 for unknown names and when GraphiQL is off, 405 for other methods; other paths go on', async () => {
    const { url, seen } = await servePlugins([useGraphiQLAssets(await oneAsset())]);
    expect((await fetch(`${url}/graphiql/assets/graphiql.other.js`)).status).toBe(404);
    expect((await fetch(`${url}/graphiql/assets/graphiql.abc123.js`, { method: 'POST' })).status).toBe(405);
    const off = await servePlugins([useGraphiQLAssets(null)]);
    expect((await fetch(`${off.url}/graphiql/assets/graphiql.abc123.js`)).status).toBe(404);
    await (await fetch(`${url}/graphql`)).text();
    expect(seen).toHaveLength(1);
  });
});

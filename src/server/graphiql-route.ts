import type { IncomingMessage, ServerResponse } from 'node:http';
import fresh from 'fresh';
import { chooseEncoding } from './compression.js';
import { GRAPHIQL_ASSET_PREFIX, type GraphiQLAssets } from './graphiql-assets.js';

/** A year: the names carry their content hash, so a changed file is a new name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** `GET /graphiql/assets/{name}`: GraphiQL's hashed files, cached for good and sent compressed. */
export async function serveGraphiQLAsset(
  assets: GraphiQLAssets | null,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<void> {
  const asset = assets ? await assets.asset(path.slice(GRAPHIQL_ASSET_PREFIX.length)) : null;
  if (asset === null || (request.method !== 'GET' && request.method !== 'HEAD')) {
    const status = asset === null ? 404 : 405;
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' });
    response.end(status === 404 ? 'not found' : 'method not allowed');
    return;
  }
  response.setHeader('cache-control', IMMUTABLE);
  response.setHeader('etag', asset.etag);
  response.setHeader('vary', 'Accept-Encoding');
  if (fresh(request.headers, { etag: asset.etag })) {
    response.writeHead(304);
    response.end();
    return;
  }
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  const body = encoding ? asset.variants[encoding] : asset.variants.identity;
  response.writeHead(200, {
    'content-type': asset.contentType,
    'content-length': String(body.length),
    ...(encoding ? { 'content-encoding': encoding } : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

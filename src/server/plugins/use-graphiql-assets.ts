import fresh from 'fresh';
import { chooseEncoding } from '../compression.js';
import { GRAPHIQL_ASSET_PREFIX, type GraphiQLAssets } from '../graphiql-assets.js';
import { textAnswer } from './json-answer.js';
import type { FrontPlugin } from './server-context.js';
import { asBody } from './whole-answer.js';

/** A year: the names carry their content hash, so a changed file is a new name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** `GET /graphiql/assets/{name}`: GraphiQL's hashed files, cached for good and sent compressed. */
export function useGraphiQLAssets(assets: GraphiQLAssets | null): FrontPlugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSET_PREFIX)) return;
      const asset = assets ? await assets.asset(url.pathname.slice(GRAPHIQL_ASSET_PREFIX.length)) : null;
      if (asset === null || (request.method !== 'GET' && request.method !== 'HEAD')) {
        const status = asset === null ? 404 : 405;
        endResponse(
          textAnswer(fetchAPI, status, status === 404 ? 'not found' : 'method not allowed', {
            allow: 'GET, HEAD',
          }),
        );
        return;
      }
      const headers: Record<string, string> = {
        'cache-control': IMMUTABLE,
        etag: asset.etag,
        vary: 'Accept-Encoding',
      };
      const conditional = { 'if-none-match': request.headers.get('if-none-match') ?? undefined };
      if (fresh(conditional, { etag: asset.etag })) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      const encoding = chooseEncoding(request.headers.get('accept-encoding') ?? undefined);
      const body = encoding ? asset.variants[encoding] : asset.variants.identity;
      headers['content-type'] = asset.contentType;
      headers['content-length'] = String(body.length);
      if (encoding) headers['content-encoding'] = encoding;
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : asBody(body), { status: 200, headers }),
      );
    },
  };
}

import fresh from 'fresh';
import type { Plugin } from 'graphql-yoga';
import { contentTag } from '../content-tag.js';
import { answerBytes, asBody, isIncremental } from './whole-answer.js';

/** A weak validator: the same answer compressed or not is the same resource for revalidation. */
export const weakEtag = (payload: Uint8Array) => `W/"${contentTag(payload)}"`;

/**
 * GET queries are cacheable: a whole 200 answer carries a weak ETag (and `Cache-Control: no-cache`
 * unless set), and a client whose copy is current gets 304 with no body. POSTs never do.
 */
export function useAnswerEtag(): Plugin {
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (request.method !== 'GET' || response.status !== 200 || isIncremental(response)) return;
      const bytes = await answerBytes(response);
      const etag = weakEtag(bytes);
      const { headers } = response;
      headers.set('etag', etag);
      if (!headers.has('cache-control')) headers.set('cache-control', 'no-cache');
      const conditional = {
        'if-none-match': request.headers.get('if-none-match') ?? undefined,
        'cache-control': request.headers.get('cache-control') ?? undefined,
      };
      if (fresh(conditional, { etag })) {
        headers.delete('content-type');
        headers.delete('content-length');
        setResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      setResponse(new fetchAPI.Response(asBody(bytes), { status: 200, headers }));
    },
  };
}

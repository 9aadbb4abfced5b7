import type { Plugin } from 'graphql-yoga';
import { COMPRESS_MIN_BYTES, chooseEncoding, compressBody } from '../compression.js';
import { addVary, answerBytes, asBody, isIncremental } from './whole-answer.js';

/**
 * Whole answers of 1 KiB and more are sent br or gzip, as the client's Accept-Encoding asks (brotli
 * preferred), compressed on zlib's thread pool so a large page does not hold up other requests.
 * Incremental answers are left alone: a compressor would hold their parts back; so are the answers to a
 * client that takes no encoding (not even read). (whatwg-node's
 * useContentEncoding compresses those too, ignores q-values and size, and takes the client's first
 * listed encoding, so it would change what clients get.)
 */
export function useCompression(): Plugin {
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (response.body === null || isIncremental(response)) return;
      const declared = response.headers.get('content-length');
      if (declared !== null && Number(declared) < COMPRESS_MIN_BYTES) return;
      const encoding = chooseEncoding(request.headers.get('accept-encoding') ?? undefined);
      if (encoding === null) {
        // Sent as it is, without reading it (scripts that ask for no encoding): other clients may get
        // this answer compressed, so shared caches still key on Accept-Encoding.
        addVary(response.headers, 'Accept-Encoding');
        return;
      }
      const bytes = await answerBytes(response);
      const { headers, status } = response;
      if (bytes.length < COMPRESS_MIN_BYTES) {
        setResponse(new fetchAPI.Response(asBody(bytes), { status, headers }));
        return;
      }
      addVary(headers, 'Accept-Encoding');
      const compressed = await compressBody(bytes, encoding);
      headers.set('content-encoding', encoding);
      headers.set('content-length', String(compressed.length));
      setResponse(new fetchAPI.Response(asBody(compressed), { status, headers }));
    },
  };
}

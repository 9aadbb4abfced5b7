import type { Plugin } from 'graphql-yoga';
import { isJsonMediaType } from '../media-type.js';
import { refusal } from './json-answer.js';

const MESSAGE = 'send application/json (or application/graphql-response+json)';

/**
 * Refuses every POST that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE before anything runs (see
 * media-type.ts for why forms and multipart are refused too), and gives yoga's own 415 (a body-less
 * answer for a content type no parser takes) the same readable body and code.
 */
export function useJsonOnly(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method === 'POST' && !isJsonMediaType(request.headers.get('content-type') ?? undefined))
        endResponse(refusal(fetchAPI, 415, MESSAGE, 'UNSUPPORTED_MEDIA_TYPE'));
    },
    onResponse({ response, setResponse, fetchAPI }) {
      if (response.status === 415 && response.body === null)
        setResponse(refusal(fetchAPI, 415, MESSAGE, 'UNSUPPORTED_MEDIA_TYPE'));
    },
  };
}

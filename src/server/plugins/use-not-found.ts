import { jsonAnswer } from './json-answer.js';
import type { FrontPlugin } from './server-context.js';

/** After the routes: every path but the GraphQL endpoint is 404, so only GraphQL requests reach yoga. */
export function useNotFound(graphqlEndpoint: string): FrontPlugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlEndpoint)
        endResponse(jsonAnswer(fetchAPI, 404, { error: 'not found', see: graphqlEndpoint }));
    },
  };
}

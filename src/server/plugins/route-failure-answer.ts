import type { FetchAPI } from '@whatwg-node/server';
import type { Logger } from '../../logger.js';
import { toGraphQLError } from '../to-graphql-error.js';
import { refusal } from './json-answer.js';

/**
 * The HTTP status of each code a file route can fail with. MORPHOLOGY_TOO_LARGE is 422, not 413: 413
 * describes the request's own body (these requests have none), and clients read it as "send less".
 */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  MORPHOLOGY_TOO_LARGE: 422,
  UPSTREAM_ERROR: 502,
  UPSTREAM_TOO_LARGE: 502,
  UPSTREAM_BUSY: 503,
  UPSTREAM_TIMEOUT: 504,
};

/**
 * A failure of a route that is not GraphQL, told the way GraphQL tells it (toGraphQLError: the same
 * codes, messages and extensions) in a GraphQL-shaped body with the status that fits the code.
 * Anything unexpected is logged with the request id and answered as "Unexpected error.", as yoga masks it.
 */
export function routeFailureAnswer(
  fetchAPI: FetchAPI,
  error: unknown,
  context: { logger: Logger; requestId: string | undefined; headers: Record<string, string> },
): Response {
  const known = toGraphQLError(error);
  const code = typeof known?.extensions.code === 'string' ? known.extensions.code : undefined;
  const status = code === undefined ? undefined : STATUS_BY_CODE[code];
  if (known === null || code === undefined || status === undefined) {
    context.logger.error(
      { err: error, requestId: context.requestId },
      'unexpected error, answered as "Unexpected error."',
    );
    return refusal(fetchAPI, 500, 'Unexpected error.', 'INTERNAL_SERVER_ERROR', {}, context.headers);
  }
  const { code: _code, ...extensions } = known.extensions;
  return refusal(fetchAPI, status, known.message, code, extensions, context.headers);
}

import { GraphQLError } from 'graphql';
import { type Plugin, useErrorHandler } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import { toGraphQLError } from './to-graphql-error.js';

/**
 * Logs, at error level and with the request id, every failure that reaches the client only as
 * "Unexpected error.": the mask keeps internals from clients, so the log is the only place its cause
 * is seen. Runs before the mask (yoga adds it after every plugin), so the original error is still there.
 */
export function useUnexpectedErrorLog(logger: Logger): Plugin {
  return useErrorHandler(({ errors, context, phase }) => {
    if (phase !== 'execution' && phase !== 'context') return;
    // In the execution phase envelop hands over the execution arguments, the context inside them.
    const value = (context as { contextValue?: unknown }).contextValue ?? context;
    const requestId = (value as { requestId?: unknown } | null)?.requestId;
    for (const error of errors) {
      const cause = error instanceof GraphQLError ? error.originalError : error;
      // No cause: graphql-js's own error; a GraphQLError cause: thrown as such on purpose, never masked.
      if (cause === undefined || cause instanceof GraphQLError || toGraphQLError(cause) !== null) continue;
      logger.error(
        { err: cause, requestId, path: error instanceof GraphQLError ? error.path : undefined, phase },
        'unexpected error, answered as "Unexpected error."',
      );
    }
  });
}

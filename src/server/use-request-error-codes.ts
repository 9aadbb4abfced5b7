import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions?.code !== undefined || error.path !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
  });
}

function coded(result: ExecutionResult): ExecutionResult {
  if (!result.errors || result.data) return result;
  return { ...result, errors: result.errors.map(withCode) };
}

/**
 * graphql-js reports variables that do not coerce to their declared types (wrong type, missing, absurdly
 * nested) as request errors without a code. They are the client's mistake: give them BAD_USER_INPUT,
 * as every other expected failure has a stable code.
 */
export function useRequestErrorCodes(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map((entry) => coded(entry as ExecutionResult)));
      else if (typeof result === 'object' && result !== null && 'errors' in result) {
        setResult(coded(result as ExecutionResult));
      }
    },
  };
}

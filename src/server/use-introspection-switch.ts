import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';

/**
 * graphql-js's hints name what a client did not ask for: `Did you mean "species"?` (fields, arguments,
 * input fields), `Did you mean the enum value "BOTH"?`, `Did you mean to use an inline fragment on
 * "Neuron"?` and `Did you mean "neuron { ... }"?`. Every form starts with these words and ends at the
 * first question mark (GraphQL names cannot contain one).
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function withoutSuggestions<T>(error: T): T {
  if (!(error instanceof GraphQLError)) return error;
  const message = error.message.replace(SUGGESTION, '');
  if (message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  }) as T;
}

interface ResultWithErrors {
  errors?: readonly unknown[];
  incremental?: ReadonlyArray<{ errors?: readonly unknown[] }>;
}

function maskResult<T extends ResultWithErrors>(result: T): T {
  if (!result.errors && !result.incremental) return result;
  return {
    ...result,
    ...(result.errors ? { errors: result.errors.map(withoutSuggestions) } : {}),
    ...(result.incremental
      ? {
          incremental: result.incremental.map((part) =>
            part.errors ? { ...part, errors: part.errors.map(withoutSuggestions) } : part,
          ),
        }
      : {}),
  };
}

/**
 * For public deployments that do not want to publish the schema: refuses introspection queries, and
 * removes the "Did you mean ...?" hints that would otherwise spell out field, argument, type and enum
 * value names one typo at a time. The hints are removed from every result (validation, variable
 * coercion and execution errors alike), since some of them are produced outside validation.
 *
 * Not `@escape.tech/graphql-armor-block-field-suggestions`: it only rewrites validation errors, and its
 * pattern (`Did you mean ".+"?`) misses the enum value and inline fragment forms.
 */
export function useIntrospectionDisabled(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
    onExecutionResult({ result, setResult }) {
      if (result === undefined) return;
      setResult(isAsyncIterable(result) ? mapAsyncIterator(result, maskResult) : maskResult(result));
    },
  };
}

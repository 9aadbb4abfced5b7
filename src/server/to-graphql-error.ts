import { GraphQLError } from 'graphql';
import { GatewayFailure } from '../errors.js';

/** A failure as the mapping reads it: its code, message, client-safe facts and cause, whatever its class. */
interface Failure {
  code: string;
  message: string;
  details: Readonly<Record<string, unknown>>;
  cause: unknown;
}

/** What a client is told. */
interface ClientError {
  code: string;
  message: string;
  extensions?: Record<string, unknown>;
}

/**
 * Any Error with a string `code`: the GatewayFailure family, and the few pure modules whose errors carry
 * a project code without belonging to it (an invalid filter, an escaping path). Only the family's facts
 * are trusted to be fit for a client.
 */
function failureOf(error: unknown): Failure | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  const details = error instanceof GatewayFailure ? error.details : {};
  return { code, message: error.message, details, cause: error.cause };
}

type Translate = (failure: Failure) => ClientError;

const asItIs = ({ code, message, details }: Failure): ClientError => ({ code, message, extensions: details });

const upstreamFailed = ({ code, details: { status, url } }: Failure): ClientError => ({
  code: 'UPSTREAM_ERROR',
  message: `NeuroMorpho ${status === 0 ? 'could not be reached' : `answered HTTP ${status}`}`,
  extensions: { status, url, upstreamCode: code },
});

/** A file of a download failed: said as the cause, with the file's `kind` and `filename`. */
function downloadFailed({ message, details: { url, kind, filename }, cause }: Failure): ClientError {
  const failure = failureOf(cause);
  switch (failure?.code) {
    // The disk, not NeuroMorpho: a full or read-only cache volume says so (and was not fetched again).
    case 'DISK_FULL':
    case 'CACHE_NOT_WRITABLE':
      return asItIs(failure);
    case 'UPSTREAM_TOO_LARGE': {
      const { limitBytes } = failure.details;
      return {
        code: 'UPSTREAM_TOO_LARGE',
        message: `${message}: larger than ${limitBytes} bytes`,
        extensions: { url, limitBytes, kind, filename },
      };
    }
    case 'DOWNLOAD_TIMEOUT': {
      const { timeoutMs } = failure.details;
      return {
        code: 'UPSTREAM_TIMEOUT',
        message: `${message}: not complete within ${timeoutMs} ms`,
        extensions: { url, timeoutMs, kind, filename },
      };
    }
    default: {
      const status = typeof failure?.details.status === 'number' ? failure.details.status : 0;
      const upstreamCode = failure?.code.startsWith('UPSTREAM_') ? failure.code : 'STREAM_FAILED';
      return {
        code: 'UPSTREAM_ERROR',
        message: `${message} (${status === 0 ? 'no complete answer' : `HTTP ${status}`})`,
        extensions: { status, url, upstreamCode, kind, filename },
      };
    }
  }
}

/** Every code a client may see from a thrown failure, and how it is told; README "Errors" lists them. */
const BY_CODE: Readonly<Record<string, Translate>> = {
  BAD_USER_INPUT: asItIs,
  NOT_FOUND: asItIs,
  UNAUTHENTICATED: asItIs,
  FORBIDDEN: asItIs,
  CACHE_NOT_CONFIGURED: asItIs,
  DISK_FULL: asItIs,
  CACHE_NOT_WRITABLE: asItIs,
  METADATA_RENDER_FAILED: asItIs,
  MORPHOLOGY_TOO_LARGE: asItIs,
  EMPTY_DATASET: asItIs,
  PATH_ESCAPE: ({ message }) => ({ code: 'UNSAFE_PATH', message }),
  UPSTREAM_BUSY: () => ({
    code: 'UPSTREAM_BUSY',
    message: 'the gateway is at its NeuroMorpho request budget; try again shortly',
  }),
  UPSTREAM_TOO_LARGE: ({ details: { url, limitBytes } }) => ({
    code: 'UPSTREAM_TOO_LARGE',
    message: `NeuroMorpho sent more than ${limitBytes} bytes`,
    extensions: { url, limitBytes },
  }),
  UPSTREAM_TIMEOUT: ({ details: { url } }) => ({
    code: 'UPSTREAM_TIMEOUT',
    message: 'NeuroMorpho did not answer in time',
    extensions: { url },
  }),
  UPSTREAM_NOT_FOUND: ({ details: { url } }) => ({
    code: 'NOT_FOUND',
    message: 'NeuroMorpho has no such resource',
    extensions: { url, status: 404 },
  }),
  UPSTREAM_HTTP_ERROR: upstreamFailed,
  UPSTREAM_BAD_PAYLOAD: upstreamFailed,
  DOWNLOAD_FAILED: downloadFailed,
};

/**
 * The one place where typed failures become client-facing GraphQL errors: a lookup by `code`. Returns
 * null for anything unexpected (no code, or one not listed), which the caller masks.
 */
export function toGraphQLError(error: unknown): GraphQLError | null {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return error;
  const failure = failureOf(error);
  if (failure === null || !Object.hasOwn(BY_CODE, failure.code)) return null;
  const { code, message, extensions } = (BY_CODE[failure.code] as Translate)(failure);
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

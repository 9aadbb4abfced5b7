import { GraphQLError } from 'graphql';
import { PathEscapeError } from '../disk/confine.js';
import { CacheWriteError, MetadataRenderError } from '../disk/disk-errors.js';
import { CacheNotConfiguredError, DownloadFileError, DownloadTimeoutError } from '../disk/download-errors.js';
import {
  BadUserInputError,
  GatewayError,
  NotFoundError,
  UpstreamGatewayError,
  UpstreamTimeoutGatewayError,
  UpstreamTooLargeGatewayError,
} from '../errors.js';
import {
  UpstreamError,
  UpstreamHttpError,
  UpstreamNotFoundError,
  UpstreamTimeoutError,
  UpstreamTooLargeError,
} from '../upstream/errors.js';
import { UpstreamBusyError } from '../upstream/upstream-budget.js';

/** Errors from pure modules that carry a user-input code (invalid filter, sort, mode). */
function hasUserInputCode(error: unknown): error is Error & { code: 'BAD_USER_INPUT' } {
  return error instanceof Error && (error as { code?: unknown }).code === 'BAD_USER_INPUT';
}

/**
 * The one place where typed failures become client-facing GraphQL errors. Returns null for
 * anything unexpected, which the caller masks.
 */
export function toGraphQLError(error: unknown): GraphQLError | null {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return error;
  if (error instanceof UpstreamBusyError) {
    return new GatewayError(
      'the gateway is at its NeuroMorpho request budget; try again shortly',
      'UPSTREAM_BUSY',
    );
  }
  if (error instanceof UpstreamTooLargeError) {
    return new UpstreamTooLargeGatewayError(`NeuroMorpho sent more than ${error.limitBytes} bytes`, {
      url: error.url,
      limitBytes: error.limitBytes,
    });
  }
  if (error instanceof UpstreamTimeoutError) {
    return new UpstreamTimeoutGatewayError('NeuroMorpho did not answer in time', { url: error.url });
  }
  if (error instanceof UpstreamNotFoundError) {
    return new NotFoundError('NeuroMorpho has no such resource', { url: error.url, status: 404 });
  }
  if (error instanceof UpstreamHttpError) {
    const what = error.status === 0 ? 'could not be reached' : `answered HTTP ${error.status}`;
    return new UpstreamGatewayError(`NeuroMorpho ${what}`, {
      status: error.status,
      url: error.url,
      upstreamCode: error.code,
    });
  }
  if (error instanceof UpstreamError) {
    return new UpstreamGatewayError('NeuroMorpho request failed', {
      status: 0,
      url: error.url,
      upstreamCode: error.code,
    });
  }
  // The disk, not NeuroMorpho: a full or read-only cache volume says so (and was not fetched again).
  const diskFailure = error instanceof DownloadFileError ? error.cause : error;
  if (diskFailure instanceof CacheWriteError) {
    return new GatewayError(diskFailure.message, diskFailure.code, { errno: diskFailure.errno });
  }
  if (error instanceof MetadataRenderError) return new GatewayError(error.message, error.code);
  if (error instanceof DownloadFileError && error.cause instanceof UpstreamTooLargeError) {
    return new UpstreamTooLargeGatewayError(`${error.message}: larger than ${error.cause.limitBytes} bytes`, {
      url: error.url,
      limitBytes: error.cause.limitBytes,
      kind: error.kind,
      filename: error.filename,
    });
  }
  if (error instanceof DownloadFileError && error.cause instanceof DownloadTimeoutError) {
    return new UpstreamTimeoutGatewayError(
      `${error.message}: not complete within ${error.cause.timeoutMs} ms`,
      {
        url: error.url,
        timeoutMs: error.cause.timeoutMs,
        kind: error.kind,
        filename: error.filename,
      },
    );
  }
  if (error instanceof DownloadFileError) {
    const cause = error.cause;
    const status = cause instanceof UpstreamHttpError ? cause.status : 0;
    return new UpstreamGatewayError(
      `${error.message} (${status === 0 ? 'no complete answer' : `HTTP ${status}`})`,
      {
        status,
        url: error.url,
        upstreamCode: cause instanceof UpstreamError ? cause.code : 'STREAM_FAILED',
        kind: error.kind,
        filename: error.filename,
      },
    );
  }
  if (error instanceof CacheNotConfiguredError)
    return new GatewayError(error.message, 'CACHE_NOT_CONFIGURED');
  if (error instanceof PathEscapeError) return new GatewayError(error.message, 'UNSAFE_PATH');
  if (hasUserInputCode(error)) return new BadUserInputError(error.message);
  return null;
}

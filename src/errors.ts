import { GraphQLError } from 'graphql';

/**
 * Expected failures, each with a stable `extensions.code`. Anything else thrown in a resolver is
 * masked by yoga ("Unexpected error.") so no internals reach a client.
 */
export class GatewayError extends GraphQLError {
  constructor(message: string, code: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = new.target.name;
  }

  get code(): string {
    return String(this.extensions.code);
  }
}

export class BadUserInputError extends GatewayError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, 'BAD_USER_INPUT', extensions);
  }
}

export class NotFoundError extends GatewayError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, 'NOT_FOUND', extensions);
  }
}

export class UpstreamGatewayError extends GatewayError {
  constructor(
    message: string,
    extensions: { status: number; url: string; upstreamCode: string } & Record<string, unknown>,
  ) {
    super(message, 'UPSTREAM_ERROR', extensions);
  }
}

export class UpstreamTimeoutGatewayError extends GatewayError {
  constructor(message: string, extensions: { url: string } & Record<string, unknown>) {
    super(message, 'UPSTREAM_TIMEOUT', extensions);
  }
}

/** NeuroMorpho sent more than the gateway accepts (a JSON answer or a file); `limitBytes` says the limit. */
export class UpstreamTooLargeGatewayError extends GatewayError {
  constructor(message: string, extensions: { url: string; limitBytes: number } & Record<string, unknown>) {
    super(message, 'UPSTREAM_TOO_LARGE', extensions);
  }
}

export class UnauthenticatedError extends GatewayError {
  constructor(message: string) {
    super(message, 'UNAUTHENTICATED');
  }
}

export class ForbiddenError extends GatewayError {
  constructor(message: string) {
    super(message, 'FORBIDDEN');
  }
}

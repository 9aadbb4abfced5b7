/**
 * The one family of expected failures, told apart by `code` (stable, SCREAMING_SNAKE), never by class or
 * message. src/server/to-graphql-error.ts turns each code into what a client sees; anything else thrown
 * in a resolver is masked by yoga ("Unexpected error.") so no internals reach a client.
 */
export class GatewayFailure extends Error {
  readonly code: string;
  readonly #details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.#details = details;
  }

  /** Facts a client may be told beside the message (url, status, limitBytes, ...); never a secret. */
  get details(): Readonly<Record<string, unknown>> {
    return this.#details;
  }

  /** The GraphQL `extensions` of this failure when it reaches a client as it is. */
  get extensions(): Readonly<Record<string, unknown>> & { readonly code: string } {
    return { ...this.details, code: this.code };
  }
}

export class BadUserInputError extends GatewayFailure {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, details);
  }
}

export class NotFoundError extends GatewayFailure {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', message, details);
  }
}

export class UnauthenticatedError extends GatewayFailure {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends GatewayFailure {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/** A dataset whose search (or id list) matches no neuron: refused before any job exists. */
export class EmptyDatasetError extends GatewayFailure {
  constructor(message: string) {
    super('EMPTY_DATASET', message);
  }
}

/**
 * What can go wrong on the command line's side, told apart by `code` like the gateway's own failures.
 * These never reach the gateway: they only choose the message on stderr and the exit code.
 */
export class CliFailure extends Error {
  readonly code: string;
  /** Exit code of the process: 1 for a failure, 2 for arguments the command line refuses. */
  readonly exitCode: 1 | 2;
  /** The gateway's `extensions` when the failure came from its answer; empty otherwise. */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, exitCode: 1 | 2 = 1, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.extensions = extensions;
  }
}

/** An argument the command line refuses before talking to the gateway (exit code 2, like commander's own). */
export class UsageError extends CliFailure {
  constructor(message: string) {
    super('BAD_ARGUMENTS', message, 2);
  }
}

/** An error in the gateway's GraphQL answer, with its `extensions.code`. */
export class GatewayAnswerError extends CliFailure {
  constructor(message: string, extensions: Record<string, unknown>) {
    const code = typeof extensions.code === 'string' ? extensions.code : 'GATEWAY_ERROR';
    super(code, message, 1, extensions);
  }
}

/** No usable answer at all: connection refused, a non-GraphQL reply, a stream cut short. */
export class GatewayUnreachableError extends CliFailure {
  constructor(message: string) {
    super('GATEWAY_UNREACHABLE', message);
  }
}

/** A search filter, query clause or sort that the gateway refuses to send upstream. */
export class InvalidFilterError extends Error {
  readonly code = 'BAD_USER_INPUT';
  /** The filter field (or `q`, `fq`, `sort`) at fault, so callers can point at it. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'InvalidFilterError';
    this.field = field;
  }
}

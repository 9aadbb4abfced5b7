/** An upstream payload that cannot be mapped to a record (not an object, no usable id, no name). */
export class InvalidPayloadError extends Error {
  readonly code = 'INVALID_PAYLOAD';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidPayloadError';
  }
}

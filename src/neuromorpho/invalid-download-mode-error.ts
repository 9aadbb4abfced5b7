/** A download mode other than standard, original or both. */
export class InvalidDownloadModeError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidDownloadModeError';
  }
}

/** A drawing or profile option out of range (a Sholl step of 0, an SVG 10⁶ pixels wide). */
export class InvalidMorphologyOptionError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidMorphologyOptionError';
  }
}

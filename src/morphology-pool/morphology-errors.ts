import { GatewayFailure } from '../errors.js';

/** A standard file over MORPHOLOGY_MAX_BYTES, or with more samples than MORPHOLOGY_MAX_NODES. */
export class MorphologyTooLargeError extends GatewayFailure {
  constructor(message: string, details: { url: string; limitBytes?: number; maxNodes?: number }) {
    super('MORPHOLOGY_TOO_LARGE', message, details);
  }
}

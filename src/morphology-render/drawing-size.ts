import { MAX_PNG_SIDE_PX } from './png-limits.js';

/**
 * The sides a drawing may be asked for, in the `svg` field and at the `.svg`/`.png` routes alike: small
 * enough to rasterise (the PNG cap), and only validated values ever make a cache key.
 */
export const MIN_SIDE_PX = 16;
export const MAX_SIDE_PX = MAX_PNG_SIDE_PX;

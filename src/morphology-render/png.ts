/**
 * PNG of a morphology drawing (src/morphology's svg()) for places that cannot show SVG. Rasterised by
 * resvg (@resvg/resvg-js, a prebuilt native binding), synchronously: call it from a worker thread, as a
 * large drawing takes long enough to stall an event loop.
 */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { MAX_PNG_SIDE_PX } from './png-limits.js';

export { MAX_PNG_SIDE_PX };

/** Opaque white, like the page an `<img>` of the SVG usually sits on; PNG viewers show no checkerboard. */
export const PNG_BACKGROUND = '#ffffff';

export interface RenderPngOptions {
  /**
   * Width of the image in pixels (1..MAX_PNG_SIDE_PX); the height follows the SVG's aspect ratio, and
   * both shrink together if the height would exceed MAX_PNG_SIDE_PX.
   * @default the SVG's own width
   */
  widthPx?: number;
}

export class InvalidPngOptionError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidPngOptionError';
  }
}

/** The SVG could not be read (not SVG, no size): the drawing is at fault, not the caller. */
export class SvgRasterError extends Error {
  readonly code = 'SVG_RASTER_FAILED';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SvgRasterError';
  }
}

export function renderPng(svg: string, options: RenderPngOptions = {}): Uint8Array {
  const { widthPx } = options;
  if (widthPx !== undefined && !(Number.isInteger(widthPx) && widthPx >= 1 && widthPx <= MAX_PNG_SIDE_PX)) {
    throw new InvalidPngOptionError(
      `widthPx must be an integer from 1 to ${MAX_PNG_SIDE_PX}, got ${widthPx}`,
    );
  }
  const base: ResvgRenderOptions = { background: PNG_BACKGROUND, logLevel: 'off' };
  const asked: FitTo = widthPx === undefined ? { mode: 'original' } : { mode: 'width', value: widthPx };
  let resvg = load(svg, { ...base, fitTo: asked });
  const { width, height } = resvg;
  if (!(width > 0 && height > 0))
    throw new SvgRasterError(`the SVG has no usable size (${width} x ${height})`);
  // resvg fits the size once, when it parses: parse again only when a cap overrides what was asked.
  const wantedWidth = widthPx ?? width;
  const capped = capFit(wantedWidth, (wantedWidth * height) / width);
  if (capped !== undefined) resvg = load(svg, { ...base, fitTo: capped });
  return new Uint8Array(resvg.render().asPng());
}

type FitTo = NonNullable<ResvgRenderOptions['fitTo']>;

function capFit(width: number, height: number): FitTo | undefined {
  if (width <= MAX_PNG_SIDE_PX && height <= MAX_PNG_SIDE_PX) return undefined;
  return height > width
    ? { mode: 'height', value: MAX_PNG_SIDE_PX }
    : { mode: 'width', value: MAX_PNG_SIDE_PX };
}

function load(svg: string, options: ResvgRenderOptions): Resvg {
  try {
    return new Resvg(svg, options);
  } catch (error) {
    throw new SvgRasterError('the SVG could not be read', { cause: error });
  }
}

/**
 * The PNG of a drawing, on a pool thread: resvg rasterises synchronously, long enough on a large drawing
 * to stall an event loop.
 */
import { renderPng } from '../morphology-render/png.js';

export interface PngTask {
  kind: 'png';
  svg: string;
  /** The image's width; its height follows the drawing's aspect ratio. */
  widthPx: number;
}

export function runPngTask(task: PngTask): Uint8Array {
  return renderPng(task.svg, { widthPx: task.widthPx });
}

/**
 * What the pool's threads run: one function, told apart by `kind`. Kept free of the rest of the gateway
 * (it imports the pure morphology module only) so a thread loads little.
 */
import type { ShollPoint, SvgOptions } from '../morphology/index.js';
import { analyseSwc, drawSvg, type FreshAnalysis, shollOf, type TooManySamples } from './analysis.js';
import type { PackedGeometry } from './packed-geometry.js';
import { type PngTask, runPngTask } from './png-task.js';

export type MorphologyTask =
  | { kind: 'analyse'; bytes: Uint8Array; maxSamples: number }
  | { kind: 'svg'; geometry: PackedGeometry; options: SvgOptions }
  | { kind: 'sholl'; geometry: PackedGeometry; stepUm: number }
  | PngTask;

export type MorphologyTaskResult = FreshAnalysis | TooManySamples | string | ShollPoint[] | Uint8Array;

export function runMorphologyTask(task: MorphologyTask): MorphologyTaskResult {
  switch (task.kind) {
    case 'analyse':
      return analyseSwc(task.bytes, task.maxSamples);
    case 'svg':
      return drawSvg(task.geometry, task.options);
    case 'sholl':
      return shollOf(task.geometry, task.stepUm);
    case 'png':
      return runPngTask(task);
  }
}

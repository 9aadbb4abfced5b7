/**
 * What the pool's threads run: one function, told apart by `kind`. Kept free of the rest of the gateway
 * (it imports the pure morphology module only) so a thread loads little.
 */
import type { MorphologyGeometry, ShollPoint, SvgOptions } from '../morphology/index.js';
import { analyseSwc, drawSvg, type MorphologyAnalysis, shollOf, type TooManySamples } from './analysis.js';

export type MorphologyTask =
  | { kind: 'analyse'; bytes: Uint8Array; maxSamples: number }
  | { kind: 'svg'; geometry: MorphologyGeometry; options: SvgOptions }
  | { kind: 'sholl'; geometry: MorphologyGeometry; stepUm: number };

export type MorphologyTaskResult = MorphologyAnalysis | TooManySamples | string | ShollPoint[];

export function runMorphologyTask(task: MorphologyTask): MorphologyTaskResult {
  switch (task.kind) {
    case 'analyse':
      return analyseSwc(task.bytes, task.maxSamples);
    case 'svg':
      return drawSvg(task.geometry, task.options);
    case 'sholl':
      return shollOf(task.geometry, task.stepUm);
  }
}

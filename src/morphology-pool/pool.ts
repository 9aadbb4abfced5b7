import type { Piscina } from 'piscina';
import type { ShollPoint, SvgOptions } from '../morphology/index.js';
import type { FreshAnalysis, MorphologyAnalysis, TooManySamples } from './analysis.js';
import { keepGeometry, type PackedGeometry } from './packed-geometry.js';
import type { MorphologyTask, MorphologyTaskResult } from './tasks.js';
import { defaultMorphologyThreads } from './threads.js';

export interface MorphologyPoolOptions {
  /** Threads parsing and drawing at once. @default max(1, availableParallelism() - 1) */
  threads?: number;
}

/** Parsing, measuring and drawing, off the event loop. */
export interface MorphologyPool {
  /** `bytes` is handed over to the thread (the caller must not use it afterwards). */
  analyse(bytes: Uint8Array, maxSamples: number): Promise<MorphologyAnalysis | TooManySamples>;
  svg(geometry: PackedGeometry, options: SvgOptions): Promise<string>;
  sholl(geometry: PackedGeometry, stepUm: number): Promise<ShollPoint[]>;
  /** A drawing rasterised, `widthPx` wide (see morphology-render/png.ts). */
  png(svg: string, widthPx: number): Promise<Uint8Array>;
  /** Threads started so far (0 until the first task). */
  threads(): number;
  /** Waits for running tasks, then stops the threads. */
  close(): Promise<void>;
}

/**
 * Where the thread code is: beside this file, compiled (dist) or as source. From source (vitest, tsx)
 * the thread needs tsx's loader to import TypeScript; the compiled build needs nothing.
 */
function workerSource(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const filename = new URL(fromSource ? './tasks.ts' : './tasks.js', import.meta.url).href;
  return { filename, execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

/**
 * A piscina pool started on first use, so a gateway that never answers `morphology` runs no threads;
 * piscina itself is imported then too, not before the gateway's first answer.
 */
export function createMorphologyPool(options: MorphologyPoolOptions = {}): MorphologyPool {
  const threads = Math.max(1, options.threads ?? defaultMorphologyThreads());
  let starting: Promise<Piscina<MorphologyTask, MorphologyTaskResult>> | undefined;
  let pool: Piscina<MorphologyTask, MorphologyTaskResult> | undefined;
  let closed = false;

  async function run<T extends MorphologyTaskResult>(
    task: MorphologyTask,
    transferList?: ArrayBuffer[],
  ): Promise<T> {
    if (closed) throw new Error('the morphology pool is closed');
    starting ??= import('piscina').then(({ Piscina }) => {
      pool = new Piscina({
        ...workerSource(),
        name: 'runMorphologyTask',
        minThreads: 0,
        maxThreads: threads,
        // Idle threads go after a minute: a burst of parsing does not keep memory forever.
        idleTimeout: 60_000,
      });
      return pool;
    });
    const started = await starting;
    return (await started.run(task, transferList ? { transferList } : {})) as T;
  }

  return {
    async analyse(bytes, maxSamples) {
      const result = await run<FreshAnalysis | TooManySamples>({ kind: 'analyse', bytes, maxSamples }, [
        bytes.buffer as ArrayBuffer,
      ]);
      return 'tooManySamples' in result ? result : { ...result, geometry: keepGeometry(result.geometry) };
    },
    // Kept geometry reaches the thread as its shared bytes (the structured clone drops only toJSON).
    svg: (geometry, svgOptions) => run({ kind: 'svg', geometry, options: svgOptions }),
    sholl: (geometry, stepUm) => run({ kind: 'sholl', geometry, stepUm }),
    png: (svg, widthPx) => run({ kind: 'png', svg, widthPx }),
    threads: () => pool?.threads.length ?? 0,
    async close() {
      closed = true;
      await (await starting)?.close();
    },
  };
}

/**
 * Shared kit of the chaos suite: the short/full switch, a bounded worker pool, a seeded PRNG, a
 * process-level crash collector and a GraphQL POST that never throws on a bad answer.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll } from 'vitest';

/** `CHAOS_FULL=1` runs the long version by hand; the default is the short one CI runs in `npm test`. */
export const FULL = process.env.CHAOS_FULL === '1';

/** The short figure by default, the full one under `CHAOS_FULL=1`. */
export function size<T>(short: T, full: T): T {
  return FULL ? full : short;
}

/** Matches a V8 stack frame (`    at fn (file.ts:12:3)`): no answer may ever carry one. */
export const STACK_FRAME = /\s+at .+:\d+:\d+/;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** mulberry32: a tiny seeded PRNG, so every run picks the same ids, pages and shapes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pickFrom<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pickFrom: empty list');
  return item;
}

/** Runs `task(0..count-1)` with at most `concurrency` at once; resolves with the results in index order. */
export async function runBounded<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

export interface CrashCollector {
  unhandledRejections: unknown[];
  uncaughtExceptions: unknown[];
}

/**
 * Records every unhandled rejection and uncaught exception of this process (the test worker, which
 * also hosts the in-process gateway and the replica) until the file ends. vitest reports them too,
 * but only after the fact; collecting them lets a test assert that its own run stayed clean.
 */
export function collectCrashes(): CrashCollector {
  const collector: CrashCollector = { unhandledRejections: [], uncaughtExceptions: [] };
  const onRejection = (reason: unknown) => collector.unhandledRejections.push(reason);
  const onException = (error: unknown) => collector.uncaughtExceptions.push(error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  afterAll(() => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  });
  return collector;
}

export interface GraphQLErrorEntry {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: unknown } & Record<string, unknown>;
}

/** One answer as received: `json` is undefined when the body was not JSON (itself a failure). */
export interface RawAnswer {
  status: number;
  text: string;
  json: { data?: unknown; errors?: GraphQLErrorEntry[] } | undefined;
}

export async function postGraphQL(
  graphqlUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: parseJson(text) };
}

export function parseJson(text: string): RawAnswer['json'] {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as RawAnswer['json'])
      : undefined;
  } catch {
    return undefined;
  }
}

/** The error codes of an answer, in order (undefined for an error without one). */
export function errorCodes(answer: RawAnswer): unknown[] {
  return (answer.json?.errors ?? []).map((error) => error.extensions?.code);
}

export const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * A full garbage collection. Under `--expose-gc` (the chaos project's execArgv) that is `global.gc`;
 * otherwise V8 is asked for the flag at run time and a fresh context hands out the function, which works
 * on the Node versions this project supports. Returns false when neither is possible.
 */
export function forceGc(): boolean {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    return true;
  }
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc !== 'function') return false;
    (gc as () => void)();
    return true;
  } catch {
    return false;
  }
}

/** Heap in use after collecting garbage (several passes, with a pause for finalizers and timers). */
export async function settledHeapUsed(): Promise<{ heapUsed: number; collected: boolean }> {
  let collected = false;
  for (let pass = 0; pass < 3; pass++) {
    collected = forceGc() || collected;
    await sleep(200);
  }
  collected = forceGc() || collected;
  return { heapUsed: process.memoryUsage().heapUsed, collected };
}

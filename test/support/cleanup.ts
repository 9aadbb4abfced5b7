import { afterAll, expect, onTestFinished } from 'vitest';

/**
 * Runs `cleanup` when what created the resource is over: after the test that created it, or after the
 * file when it was created at module level (a hook registered inside a test body would never run).
 */
export function registerCleanup(cleanup: () => unknown): void {
  if (expect.getState().currentTestName !== undefined) onTestFinished(async () => void (await cleanup()));
  else afterAll(async () => void (await cleanup()));
}

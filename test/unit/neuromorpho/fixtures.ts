import { readFileSync } from 'node:fs';

/** A recorded upstream payload from fixtures/upstream, parsed. */
export function loadUpstreamFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/upstream/${name}`, import.meta.url), 'utf8'));
}

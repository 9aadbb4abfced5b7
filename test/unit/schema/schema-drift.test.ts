import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { printGatewaySchema } from '../../../src/schema/print.js';

describe('schema/schema.graphql', () => {
  it('matches the schema printed from the code (run `npm run schema` after changing it)', async () => {
    const checkedIn = await readFile(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(checkedIn).toBe(printGatewaySchema());
  });
});

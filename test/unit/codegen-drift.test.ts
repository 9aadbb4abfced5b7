import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('test/generated (GraphQL Code Generator output)', () => {
  it('is what `npm run codegen` makes from schema/ and test/operations/', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: `${root}codegen.yml` });
    const outputs = await generate({ ...config, cwd: root, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const onDisk = await readFile(`${root}${output.filename}`, 'utf8');
      expect(onDisk, `${output.filename} is stale: run npm run codegen`).toBe(output.content);
    }
  }, 60_000);
});

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CachedNeuronsDocument,
  CachedNeuronsPageDocument,
  type CachedNeuronsPageQuery,
} from '../../generated/graphql.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 5 });
const FOLDERS = 150;

/** FOLDERS neuron folders as the reference client leaves them when interrupted early (`{}` metadata). */
async function largeCache(): Promise<string> {
  const root = await tempDir();
  for (let id = 1; id <= FOLDERS; id++) {
    await mkdir(join(root, String(id)));
    await writeFile(join(root, String(id), 'metadata.json'), '{}');
  }
  return root;
}

describe('cachedNeurons pages', () => {
  it('answers the first 100 by default, and the rest page by page after the last id', async () => {
    const gateway = await startGateway(replica.url, { CACHE_DIR: await largeCache() });
    const plain = await gateway.execute(CachedNeuronsDocument);
    expect(plain.data?.cachedNeurons.map((status) => status.neuronId)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );

    const walked: number[] = [];
    const pageLengths: number[] = [];
    let afterId: number | null = null;
    for (;;) {
      const page: { data?: CachedNeuronsPageQuery | null } = await gateway.execute(
        CachedNeuronsPageDocument,
        { first: 40, afterId },
      );
      const statuses: CachedNeuronsPageQuery['cachedNeurons'] = page.data?.cachedNeurons ?? [];
      expect(statuses.every((status) => status.exists && status.metadataExists)).toBe(true);
      walked.push(...statuses.map((status) => status.neuronId));
      pageLengths.push(statuses.length);
      if (statuses.length < 40) break;
      afterId = statuses.at(-1)?.neuronId ?? null;
    }
    expect(walked).toEqual(Array.from({ length: FOLDERS }, (_, i) => i + 1));
    expect(pageLengths).toEqual([40, 40, 40, 30]);
  });

  it('refuses a page outside 1 to 500 with BAD_USER_INPUT', async () => {
    const gateway = await startGateway(replica.url, { CACHE_DIR: await largeCache() });
    for (const first of [0, 501]) {
      const answer = await gateway.execute(CachedNeuronsPageDocument, { first });
      expect(answer.data).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(answer.errors?.[0]?.message).toMatch(/first must be between 1 and 500/);
    }
    const largest = await gateway.execute(CachedNeuronsPageDocument, { first: 500 });
    expect(largest.data?.cachedNeurons).toHaveLength(FOLDERS);
  });
});

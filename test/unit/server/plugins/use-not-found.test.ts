import { describe, expect, it } from 'vitest';
import { useNotFound } from '../../../../src/server/plugins/use-not-found.js';
import { servePlugins } from './plugin-server.js';

describe('useNotFound', () => {
  it('answers 404 for every path but the GraphQL endpoint, which goes on', async () => {
    const { url, seen } = await servePlugins([useNotFound('/graphql')]);
    for (const path of ['/', '/graphql/', '/health', '/graphql-x']) {
      const answer = await fetch(`${url}${path}`);
      expect(answer.status, path).toBe(404);
      expect(await answer.json()).toEqual({ error: 'not found', see: '/graphql' });
    }
    expect((await fetch(`${url}/graphql?query=%7B__typename%7D`)).status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});

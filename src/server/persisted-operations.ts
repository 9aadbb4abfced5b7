import { readFile } from 'node:fs/promises';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';

/** Reads an allow-list file `{ "<id>": "<query>", ... }`; fails at start when it is not one. */
export async function loadPersistedOperations(path: string): Promise<Map<string, string>> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path} must hold a JSON object of id -> query`);
  }
  const operations = new Map<string, string>();
  for (const [id, query] of Object.entries(parsed)) {
    if (typeof query !== 'string') throw new Error(`${path}: operation ${id} is not a string`);
    operations.set(id, query);
  }
  return operations;
}

/**
 * Only the listed operations run; a client sends `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"<id>"}}}`
 * (Apollo's form) or `{"documentId":"<id>"}`.
 */
export function useAllowList(operations: Map<string, string>): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: false,
    getPersistedOperation: (key) => operations.get(key) ?? null,
    extractPersistedOperationId: (params) => {
      const withId = params as { documentId?: unknown };
      if (typeof withId.documentId === 'string') return withId.documentId;
      const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      return typeof hash === 'string' ? hash : null;
    },
    customErrors: {
      notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      persistedQueryOnly: {
        message: 'only persisted operations are allowed',
        extensions: { code: 'PERSISTED_QUERY_ONLY' },
      },
      keyNotFound: {
        message: 'no persisted operation id in the request',
        extensions: { code: 'PERSISTED_QUERY_ONLY' },
      },
    },
  });
}

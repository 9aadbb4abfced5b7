import { hash } from 'node:crypto';
import { type Cache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { type DocumentNode, getOperationAST, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { CacheTtls } from '../../cache/ttl.js';
import { ANSWER_KEY_PREFIX, type AnswerStore } from './answer-store.js';
import { answerTtls, holdsNotFound, UNCACHED_TYPES } from './answer-ttls.js';

export interface WholeResponseCacheOptions {
  store: AnswerStore;
  ttls: CacheTtls;
  /** RESPONSE_CACHE_TTL_MS: the longest any answer is kept. */
  maxTtlMs: number;
  /** Who the caller is, as far as answers differ (see answer-audience.ts). */
  audience: (request: Request) => string;
}

/** Says whether the whole answer came from the cache: `hit` when every operation of the request did. */
export const RESPONSE_CACHE_HEADER = 'x-response-cache';
const SERVED_FROM_CACHE = Symbol.for('servedFromResponseCache');

interface Verdict {
  /** A plain query, without @defer or @stream: the only kind whose answer is kept. */
  cacheable: boolean;
  /** Whether the plugin runs for this execution at all (`AnswerStore.admit`; mutations always). */
  enabled: boolean;
  generation: number;
}

const incremental = new WeakMap<DocumentNode, boolean>();
function usesIncrementalDelivery(document: DocumentNode): boolean {
  let found = incremental.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      Directive(node) {
        if (node.name.value === 'defer' || node.name.value === 'stream') found = true;
      },
    });
    incremental.set(document, found);
  }
  return found;
}

/**
 * Whole answers to repeated documents, served before parsing (yoga's response-cache plugin), keyed by
 * document, operation name, variables and audience. Kept only for plain queries answered without
 * errors and without stale-if-error data, for the shortest freshness of what they hold; dropped when
 * a neuron they show changes on disk (`store.invalidate`, wired in app.ts).
 */
export function useWholeResponseCache(options: WholeResponseCacheOptions): Plugin[] {
  const { store } = options;
  const verdicts = new WeakMap<object, Verdict>();
  // The answer key of each request's context, made once in onParams (the plugin's own is private).
  const keys = new WeakMap<object, string>();
  const ttls = answerTtls(options.ttls, options.maxTtlMs);
  const cache: Cache = {
    get: (key) => store.get(key),
    invalidate: (entities) => store.invalidate(entities),
    set: (key, result, entities, ttl) =>
      store.set(key, result, entities, holdsNotFound(result) ? Math.min(ttl, options.ttls.notFoundMs) : ttl),
  };
  const outcomes = new WeakMap<Request, 'hit' | 'miss'>();

  const judge: Plugin = {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const cacheable = operation?.operation === 'query' && !usesIncrementalDelivery(args.document);
      const key = keys.get(args.contextValue as object);
      verdicts.set(args.contextValue as object, {
        cacheable,
        // A query asked for the first time runs without the plugin (no rewrite, no walk of its result);
        // anything else keeps it, so a mutation's answer still invalidates what it shows.
        enabled: !cacheable || key === undefined || store.admit(key),
        generation: store.generation(),
      });
    },
  };

  const responseCache = useResponseCache({
    cache,
    session: (request) => options.audience(request),
    // Asked in onParams (no verdict yet: the lookup runs) and again as the execution starts.
    enabled: (_request, context) => verdicts.get(context)?.enabled ?? true,
    buildResponseCacheKey: ({ documentString, operationName, variableValues, sessionId, context }) => {
      const key =
        ANSWER_KEY_PREFIX +
        hash(
          'sha256',
          `${documentString}\u0000${operationName ?? ''}\u0000${JSON.stringify(variableValues ?? {})}\u0000${sessionId ?? ''}`,
          'base64url',
        );
      if (typeof context === 'object' && context !== null) keys.set(context, key);
      return key;
    },
    ttl: ttls.defaultMs,
    ttlPerSchemaCoordinate: ttls.perCoordinate,
    ignoredTypes: UNCACHED_TYPES,
    // Neuron, CacheStatus, Measurement and DatasetItem all carry it: one id for one neuron everywhere.
    idFields: ['neuronId'],
    includeExtensionMetadata: false,
    shouldCacheResult: ({ result }) => !result.errors?.length && result.extensions?.['stale'] !== true,
    onTtl: ({ ttl, context }) => {
      const verdict = verdicts.get(context);
      const freshness = (context as { freshness?: { stale: boolean } }).freshness;
      if (!verdict?.cacheable || freshness?.stale) return 0;
      store.expectStartedAt(verdict.generation);
      return Math.min(ttl, options.maxTtlMs);
    },
  });

  const header: Plugin = {
    onResultProcess({ request, result }) {
      const results = Array.isArray(result) ? result : [result];
      const hit = results.every((one) => SERVED_FROM_CACHE in (one as object));
      outcomes.set(request, hit ? 'hit' : 'miss');
    },
    onResponse({ request, response }) {
      const outcome = outcomes.get(request);
      if (outcome === undefined) return;
      response.headers.set(RESPONSE_CACHE_HEADER, outcome);
      // The plugin's own validators name the cache key; the gateway's weak ETag (GET only) is the one.
      response.headers.delete('last-modified');
      if (response.headers.get('etag')?.startsWith(ANSWER_KEY_PREFIX)) response.headers.delete('etag');
    },
  };
  return [judge, responseCache, header];
}

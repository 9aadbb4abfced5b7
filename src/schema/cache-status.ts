import type { CacheStatus } from '../disk/cache-status.js';
import { MAX_CACHED_NEURONS_PAGE } from '../disk/disk-cache.js';
import { builder } from './builder.js';
import { parseNeuronId } from './neuron-id.js';
import { HIDDEN_PATH_NOTE } from './path-visibility.js';

/** Large enough that a plain `cachedNeurons { ... }` still lists a small cache whole. */
const DEFAULT_CACHED_NEURONS_PAGE = 100;

export const CacheStatusRef = builder.objectRef<CacheStatus>('CacheStatus').implement({
  description: 'What the gateway has on disk for a neuron (read from disk, no upstream request).',
  fields: (t) => ({
    neuronId: t.exposeInt('neuronId'),
    configured: t.exposeBoolean('configured'),
    folder: t.string({
      nullable: true,
      description: `Absolute path of the neuron's folder on the gateway machine; null when the cache is off or ${HIDDEN_PATH_NOTE}.`,
      resolve: (status, _args, context) => (context.showPaths ? status.folder : null),
    }),
    exists: t.exposeBoolean('exists', {
      description:
        "A folder of this gateway's site is there (false for a folder downloaded from another site).",
    }),
    metadataExists: t.exposeBoolean('metadataExists'),
    standardExists: t.exposeBoolean('standardExists'),
    originalExists: t.exposeBoolean('originalExists', {
      description: 'The original file is there, under the name the gateway or the reference client gives it.',
    }),
    incomplete: t.exposeBoolean('incomplete', {
      description:
        'The folder has no metadata.json (a download that never finished): its files are not trusted, and a download fetches them again.',
    }),
    site: t.exposeString('site', {
      nullable: true,
      description:
        'The NeuroMorpho site the folder was downloaded from, read from the URLs in its metadata.json; null when it names none.',
    }),
    fromOtherSite: t.exposeBoolean('fromOtherSite', {
      description:
        "The folder came from another site than this gateway's: nothing in it counts here, and a download replaces its files.",
    }),
  }),
});

builder.queryField('cachedNeurons', (t) =>
  t.field({
    type: [CacheStatusRef],
    description:
      `The neurons in the on-disk cache, ascending by id, one page at a time (read from disk, no upstream request). ` +
      `For the next page, pass the last neuronId as afterId; a page shorter than first is the last one.`,
    complexity: (args) => ({
      field: 1,
      multiplier: Math.max(1, Math.min(args.first, MAX_CACHED_NEURONS_PAGE)),
    }),
    args: {
      first: t.arg.int({
        required: true,
        defaultValue: DEFAULT_CACHED_NEURONS_PAGE,
        description: `How many, 1 to ${MAX_CACHED_NEURONS_PAGE}.`,
      }),
      afterId: t.arg.int({ description: 'Only neurons with a larger id; none for the first page.' }),
    },
    resolve: (_root, args, context) =>
      context.diskCache.list({ first: args.first, afterId: args.afterId ?? null }),
  }),
);

builder.mutationFields((t) => ({
  removeCachedNeuron: t.boolean({
    description: "Removes one neuron's folder from the cache; false when it was not cached.",
    args: { id: t.arg.int({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = parseNeuronId(args.id);
      context.diskCache.assertConfigured();
      context.authorizeWrite();
      context.loaders.cacheStatus.clearAll();
      return context.diskCache.remove(id);
    },
  }),
  clearCache: t.int({
    description: 'Removes every neuron folder from the cache (other files are left alone); returns how many.',
    resolve: async (_root, _args, context) => {
      context.diskCache.assertConfigured();
      context.authorizeWrite();
      context.loaders.cacheStatus.clearAll();
      return context.diskCache.clear();
    },
  }),
}));

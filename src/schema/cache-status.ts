import type { CacheStatus } from '../disk/cache-status.js';
import { builder } from './builder.js';
import { HIDDEN_PATH_NOTE } from './path-visibility.js';

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

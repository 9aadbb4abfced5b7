import type { CacheStatus } from '../disk/cache-status.js';
import { builder } from './builder.js';

export const CacheStatusRef = builder.objectRef<CacheStatus>('CacheStatus').implement({
  description: 'What the gateway has on disk for a neuron (read from disk, no upstream request).',
  fields: (t) => ({
    neuronId: t.exposeInt('neuronId'),
    configured: t.exposeBoolean('configured'),
    folder: t.exposeString('folder', { nullable: true }),
    exists: t.exposeBoolean('exists'),
    metadataExists: t.exposeBoolean('metadataExists'),
    standardExists: t.exposeBoolean('standardExists'),
    originalExists: t.exposeBoolean('originalExists'),
  }),
});

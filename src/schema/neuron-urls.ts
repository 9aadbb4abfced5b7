import type { NeuronUrls } from '../neuromorpho/file-urls.js';
import { builder } from './builder.js';

export const NeuronUrlsRef = builder.objectRef<NeuronUrls>('NeuronUrls').implement({
  description: 'NeuroMorpho URLs for a neuron, built from the configured site base (no request).',
  fields: (t) => ({
    standardSwc: t.exposeString('standardSwc', { nullable: true }),
    originalFile: t.exposeString('originalFile', { nullable: true }),
    measurement: t.exposeString('measurement'),
    thumbnail: t.exposeString('thumbnail', { nullable: true }),
  }),
});

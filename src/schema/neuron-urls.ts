import { type NeuronUrls, neuronUrls } from '../neuromorpho/file-urls.js';
import type { NeuronRecord, SiteUrls } from '../neuromorpho/types.js';
import { builder } from './builder.js';
import { createRecordMemo } from './record-memo.js';

/** A neuron's URLs, built once per record object (the answer is never changed by its readers). */
export const neuronUrlsOf: (neuron: NeuronRecord, site: SiteUrls) => NeuronUrls =
  createRecordMemo(neuronUrls);

export const NeuronUrlsRef = builder.objectRef<NeuronUrls>('NeuronUrls').implement({
  description: 'NeuroMorpho URLs for a neuron, built from the configured site base (no request).',
  fields: (t) => ({
    standardSwc: t.exposeString('standardSwc', { nullable: true }),
    originalFile: t.exposeString('originalFile', { nullable: true }),
    measurement: t.exposeString('measurement'),
    thumbnail: t.exposeString('thumbnail', { nullable: true }),
  }),
});

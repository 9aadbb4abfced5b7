import { neuronUrls } from '../neuromorpho/file-urls.js';
import type { NeuronRecord, SiteUrls } from '../neuromorpho/types.js';
import { builder } from './builder.js';

interface NeuronUrlsShape {
  standardSwc: string | null;
  originalFile: string | null;
  measurement: string;
  thumbnail: string | null;
}

export const NeuronUrlsRef = builder.objectRef<NeuronUrlsShape>('NeuronUrls').implement({
  description: 'NeuroMorpho URLs for a neuron, built from the configured site base (no request).',
  fields: (t) => ({
    standardSwc: t.exposeString('standardSwc', { nullable: true }),
    originalFile: t.exposeString('originalFile', { nullable: true }),
    measurement: t.exposeString('measurement'),
    thumbnail: t.exposeString('thumbnail', { nullable: true }),
  }),
});

export function urlsOf(neuron: NeuronRecord, site: SiteUrls): NeuronUrlsShape {
  return neuronUrls(neuron, site);
}

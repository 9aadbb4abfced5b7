import { BadUserInputError } from '../errors.js';
import type { NeuronRecord, SearchPage } from '../neuromorpho/types.js';
import { builder } from './builder.js';
import { NeuronRef } from './neuron.js';
import { checkPageSize, compileSearch } from './search-args.js';

export const NeuronFilterInput = builder.inputType('NeuronFilter', {
  description:
    'Typed search filter. Values in one list are alternatives; different fields must all match. ' +
    'rawQ and rawFq are NeuroMorpho query clauses passed through verbatim.',
  fields: (t) => ({
    species: t.stringList(),
    brainRegion: t.stringList(),
    cellType: t.stringList(),
    archive: t.stringList(),
    originalFormat: t.stringList(),
    stain: t.stringList(),
    ageClassification: t.stringList(),
    gender: t.stringList(),
    rawQ: t.stringList(),
    rawFq: t.stringList(),
  }),
});

export const SearchPageRef = builder.objectRef<SearchPage<NeuronRecord>>('SearchPage').implement({
  description: 'One page of a NeuroMorpho search.',
  fields: (t) => ({
    items: t.field({ type: [NeuronRef], resolve: (page) => page.items }),
    page: t.exposeInt('page'),
    size: t.exposeInt('size'),
    totalPages: t.exposeInt('totalPages'),
    totalElements: t.exposeInt('totalElements'),
    queryUrl: t.exposeString('queryUrl', { description: 'The NeuroMorpho request that produced this page.' }),
  }),
});

builder.queryField('search', (t) =>
  t.field({
    type: SearchPageRef,
    description: 'One page of neurons matching q, filter and fq (all must match).',
    complexity: (args) => ({ field: 2, multiplier: Math.max(1, Math.min(args.size, 500)) }),
    args: {
      q: t.arg.string({ description: 'Raw NeuroMorpho query, e.g. `species:rat,mouse`.' }),
      filter: t.arg({ type: NeuronFilterInput }),
      fq: t.arg.stringList({ description: 'Raw filter clauses; every one must match.' }),
      size: t.arg.int({ required: true, defaultValue: 20 }),
      page: t.arg.int({ required: true, defaultValue: 0 }),
      sort: t.arg.string({ required: true, defaultValue: 'neuron_id,asc' }),
    },
    resolve: async (_root, args, context) => {
      checkPageSize('size', args.size);
      if (!Number.isInteger(args.page) || args.page < 0) {
        throw new BadUserInputError(`page must be >= 0 (got ${args.page})`, { argumentName: 'page' });
      }
      const search = compileSearch(args);
      const page = await context.client.searchNeurons({ ...search, page: args.page, size: args.size });
      context.loaders.primeNeurons(page.items);
      return page;
    },
  }),
);

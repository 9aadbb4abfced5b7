import { BadUserInputError } from '../errors.js';
import { UpstreamNotFoundError } from '../upstream/errors.js';
import { builder } from './builder.js';
import { NeuronRef, parseNeuronId } from './neuron.js';

/** Most ids one `neurons` call may ask for: one upstream select page. */
export const MAX_IDS_PER_QUERY = 500;

builder.queryFields((t) => ({
  neuron: t.field({
    type: NeuronRef,
    nullable: true,
    description: 'One neuron by NeuroMorpho id; null when NeuroMorpho has no such neuron.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, context) => context.loaders.neuron.load(parseNeuronId(args.id)),
  }),
  neuronByName: t.field({
    type: NeuronRef,
    nullable: true,
    description: 'One neuron by its exact `neuron_name`; null when there is none.',
    args: { name: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      if (args.name.trim() === '' || args.name.length > 500 || args.name.includes('\0')) {
        throw new BadUserInputError('name must be a non-empty neuron name of at most 500 characters');
      }
      try {
        const neuron = await context.client.getNeuronByName(args.name);
        context.loaders.primeNeurons([neuron]);
        return neuron;
      } catch (error) {
        if (error instanceof UpstreamNotFoundError) return null;
        throw error;
      }
    },
  }),
  neurons: t.field({
    type: [NeuronRef],
    nullable: { list: false, items: true },
    description: `Neurons by id, in the order asked, null for unknown ids (at most ${MAX_IDS_PER_QUERY}).`,
    args: { ids: t.arg.intList({ required: true }) },
    complexity: (args) => ({
      field: 1,
      multiplier: Math.max(1, Math.min(args.ids.length, MAX_IDS_PER_QUERY)),
    }),
    resolve: (_root, args, context) => {
      if (args.ids.length > MAX_IDS_PER_QUERY) {
        throw new BadUserInputError(`at most ${MAX_IDS_PER_QUERY} ids per query (got ${args.ids.length})`);
      }
      return args.ids.map((id) => context.loaders.neuron.load(parseNeuronId(id)));
    },
  }),
}));

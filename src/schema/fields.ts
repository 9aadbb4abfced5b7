import { BadUserInputError } from '../errors.js';
import type { FieldCount } from '../upstream/client-types.js';
import { builder } from './builder.js';
import type { GatewayContext } from './context.js';

const FieldCountRef = builder.objectRef<FieldCount>('FieldCount').implement({
  description: 'How many neurons have one value of a field.',
  fields: (t) => ({ value: t.exposeString('value'), count: t.exposeInt('count') }),
});

/** Only names NeuroMorpho lists are sent upstream, so a field name can never reshape the URL. */
async function knownField(context: GatewayContext, field: string): Promise<string> {
  const names = await context.fieldNames();
  if (!names.includes(field)) {
    throw new BadUserInputError(`unknown field ${JSON.stringify(field.slice(0, 80))}; see neuronFields`, {
      argumentName: 'field',
    });
  }
  return field;
}

builder.queryFields((t) => ({
  neuronFields: t.stringList({
    description: 'The neuron field names NeuroMorpho knows, in its order.',
    resolve: (_root, _args, context) => context.fieldNames(),
  }),
  fieldValues: t.stringList({
    description: 'Every value of one field, most frequent first, raw spellings kept.',
    args: { field: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) =>
      context.client.getFieldValues(await knownField(context, args.field)),
  }),
  fieldCounts: t.field({
    type: [FieldCountRef],
    description: 'Neuron counts per value of one field, largest first.',
    complexity: { field: 2, multiplier: 50 },
    args: { field: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) =>
      context.client.getFieldCounts(await knownField(context, args.field)),
  }),
}));

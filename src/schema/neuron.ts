import { BadUserInputError } from '../errors.js';
import type { NeuronRecord } from '../neuromorpho/types.js';
import { UpstreamNotFoundError } from '../upstream/errors.js';
import { builder } from './builder.js';
import { CacheStatusRef } from './cache-status.js';
import { DownloadModeEnum, FilePlanRef, filePlanOf } from './file-plan.js';
import { MeasurementRef } from './measurement.js';
import { MorphologyRef } from './morphology.js';
import { parseNeuronId } from './neuron-id.js';
import { NeuronUrlsRef, neuronUrlsOf } from './neuron-urls.js';

export const NeuronRef = builder.objectRef<NeuronRecord>('Neuron');

const NULLABLE_STRINGS = [
  'archive',
  'species',
  'strain',
  'scientificName',
  'gender',
  'ageClassification',
  'ageScale',
  'stain',
  'protocol',
  'slicingDirection',
  'reconstructionSoftware',
  'objectiveType',
  'originalFormat',
  'domain',
  'attributes',
  'physicalIntegrity',
  'uploadDate',
  'depositionDate',
  'shrinkageReported',
  'shrinkageCorrected',
  'note',
  'pngUrl',
] as const;

const NULLABLE_FLOATS = [
  'minAge',
  'maxAge',
  'minWeight',
  'maxWeight',
  'slicingThickness',
  'magnification',
  'somaSurface',
  'surface',
  'volume',
] as const;

const STRING_LISTS = [
  'brainRegion',
  'cellType',
  'experimentCondition',
  'referencePmid',
  'referenceDoi',
] as const;

builder.node(NeuronRef, {
  description: 'A reconstructed neuron from NeuroMorpho.Org.',
  id: { resolve: (neuron) => neuron.neuronId, parse: (id) => parseNeuronId(id) },
  loadMany: (ids, context) => ids.map((id) => context.loaders.neuron.load(id)),
  fields: (t) => ({
    neuronId: t.exposeInt('neuronId'),
    name: t.exposeString('name', { description: 'NeuroMorpho `neuron_name`.' }),
    ...Object.fromEntries(NULLABLE_STRINGS.map((name) => [name, t.exposeString(name, { nullable: true })])),
    ...Object.fromEntries(NULLABLE_FLOATS.map((name) => [name, t.exposeFloat(name, { nullable: true })])),
    ...Object.fromEntries(STRING_LISTS.map((name) => [name, t.exposeStringList(name)])),
    raw: t.expose('raw', { type: 'JSON', description: 'The upstream payload as received.' }),
    measurement: t.field({
      type: MeasurementRef,
      nullable: true,
      description: 'Morphometry, loaded lazily and batched with every other neuron in the request.',
      resolve: (neuron, _args, context) => context.loaders.measurement.load(neuron.neuronId),
    }),
    morphology: t.field({
      type: MorphologyRef,
      nullable: true,
      description:
        'The standard SWC file parsed, checked, measured and drawn; null without an archive (no file). ' +
        'Read from the on-disk cache when downloaded, else fetched once; each neuron costs one upstream request.',
      resolve: (neuron, _args, context) => context.loaders.morphology.load(neuron),
    }),
    urls: t.field({
      type: NeuronUrlsRef,
      resolve: (neuron, _args, context) => neuronUrlsOf(neuron, context.site),
    }),
    cacheStatus: t.field({
      type: CacheStatusRef,
      resolve: (neuron, _args, context) => context.loaders.cacheStatus.load(neuron),
    }),
    filePlan: t.field({
      type: [FilePlanRef],
      args: { mode: t.arg({ type: DownloadModeEnum, required: true, defaultValue: 'both' }) },
      resolve: (neuron, args, context) => filePlanOf(neuron, args.mode, context.site),
    }),
  }),
});

/** Most ids one `neurons` call may ask for: one upstream select page. */
const MAX_IDS_PER_QUERY = 500;

// The root fields that answer neurons, beside their type.
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

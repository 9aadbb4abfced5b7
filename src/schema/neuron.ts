import { BadUserInputError } from '../errors.js';
import { filePlan } from '../neuromorpho/file-plan.js';
import { neuronUrls } from '../neuromorpho/file-urls.js';
import type { NeuronRecord } from '../neuromorpho/types.js';
import { builder } from './builder.js';
import { CacheStatusRef } from './cache-status.js';
import { DownloadModeEnum, FilePlanRef } from './file-plan.js';
import { MeasurementRef } from './measurement.js';
import { NeuronUrlsRef } from './neuron-urls.js';

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

/** Largest id NeuroMorpho could plausibly use; also keeps ids inside GraphQL's Int. */
const MAX_NEURON_ID = 2_147_483_647;

export function parseNeuronId(value: string | number): number {
  const id = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > MAX_NEURON_ID) {
    throw new BadUserInputError(`not a neuron id: ${JSON.stringify(String(value).slice(0, 40))}`);
  }
  return id;
}

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
    urls: t.field({
      type: NeuronUrlsRef,
      resolve: (neuron, _args, context) => neuronUrls(neuron, context.site),
    }),
    cacheStatus: t.field({
      type: CacheStatusRef,
      resolve: (neuron, _args, context) => context.loaders.cacheStatus.load(neuron),
    }),
    filePlan: t.field({
      type: [FilePlanRef],
      args: { mode: t.arg({ type: DownloadModeEnum, required: true, defaultValue: 'both' }) },
      resolve: (neuron, args, context) => filePlan(neuron, args.mode, context.site),
    }),
  }),
});

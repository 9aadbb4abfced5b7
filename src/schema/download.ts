import type { DownloadItemResult, DownloadResult } from '../disk/downloader.js';
import { NotFoundError } from '../errors.js';
import type { NeuronRecord } from '../neuromorpho/types.js';
import { builder } from './builder.js';
import type { GatewayContext } from './context.js';
import { DownloadModeEnum, FileKindEnum } from './file-plan.js';
import { MeasurementRef } from './measurement.js';
import { NeuronRef } from './neuron.js';
import { parseNeuronId } from './neuron-id.js';
import { HIDDEN_PATH_NOTE } from './path-visibility.js';

interface DownloadItemShape extends DownloadItemResult {
  localUrl: string | null;
}

const DownloadItemRef = builder.objectRef<DownloadItemShape>('DownloadItem').implement({
  description:
    'One file of a download: fetched now, already there, skipped (with the reason) or planned (dry run).',
  fields: (t) => ({
    kind: t.field({ type: FileKindEnum, resolve: (item) => item.kind }),
    url: t.exposeString('url', { description: 'The NeuroMorpho URL; empty when the item is skipped.' }),
    filename: t.exposeString('filename'),
    path: t.string({
      nullable: true,
      description: `Absolute path of the file (or where it would be) on the gateway machine; null ${HIDDEN_PATH_NOTE}.`,
      resolve: (item, _args, context) => (context.showPaths ? item.path : null),
    }),
    downloadedNow: t.exposeBoolean('downloadedNow'),
    reason: t.exposeString('reason', { nullable: true }),
    bytes: t.exposeFloat('bytes', {
      nullable: true,
      description: 'Size of the file in bytes (a Float: files may exceed the 32-bit Int of GraphQL).',
    }),
    sha256: t.exposeString('sha256', { nullable: true, description: 'Of the bytes written now.' }),
    localUrl: t.exposeString('localUrl', {
      nullable: true,
      description: 'Where this gateway serves the cached file (GET, with Range support).',
    }),
  }),
});

const DownloadRecordRef = builder
  .objectRef<DownloadResult & { items: DownloadItemShape[] }>('DownloadRecord')
  .implement({
    description: 'What downloadNeuron did, item by item.',
    fields: (t) => ({
      neuron: t.field({ type: NeuronRef, resolve: (record) => record.neuron }),
      folder: t.string({
        nullable: true,
        description: `Absolute path of the neuron's folder on the gateway machine; null ${HIDDEN_PATH_NOTE}.`,
        resolve: (record, _args, context) => (context.showPaths ? record.folder : null),
      }),
      metadataPath: t.string({
        nullable: true,
        description: `Absolute path of its metadata.json on the gateway machine; null ${HIDDEN_PATH_NOTE}.`,
        resolve: (record, _args, context) => (context.showPaths ? record.metadataPath : null),
      }),
      items: t.field({ type: [DownloadItemRef], resolve: (record) => record.items }),
      measurement: t.field({ type: MeasurementRef, nullable: true, resolve: (record) => record.measurement }),
      mode: t.field({ type: DownloadModeEnum, resolve: (record) => record.mode }),
      dryRun: t.exposeBoolean('dryRun'),
    }),
  });

/** A dry run plans from the copy on disk when there is one, so it costs NeuroMorpho nothing. */
async function resolveNeuron(
  context: GatewayContext,
  id: number,
  preferDisk: boolean,
): Promise<NeuronRecord> {
  const cached = preferDisk ? await context.diskCache.readNeuron(id) : null;
  const neuron = cached ?? (await context.loaders.neuron.load(id));
  if (neuron === null) throw new NotFoundError(`NeuroMorpho has no neuron ${id}`, { neuronId: id });
  return neuron;
}

function withLocalUrls(context: GatewayContext, record: DownloadResult) {
  const items = record.items.map((item) => ({
    ...item,
    localUrl: item.onDisk
      ? `${context.origin}/files/${record.neuron.neuronId}/${encodeURIComponent(item.filename)}`
      : null,
  }));
  return { ...record, items };
}

builder.mutationField('downloadNeuron', (t) =>
  t.field({
    type: DownloadRecordRef,
    // Nullable so that a failing neuron nulls only its own field: a mutation of many aliased downloads
    // keeps every one that succeeded, with the error at the failed one's path.
    nullable: true,
    description:
      'Downloads a neuron into the cache: measurement first, then each file (complete or not at all), then metadata.json. ' +
      'Null, with the error at its path, when this download failed; other downloads in the same mutation are unaffected.',
    complexity: 50,
    args: {
      id: t.arg.int({ required: true }),
      mode: t.arg({ type: DownloadModeEnum, required: true, defaultValue: 'both' }),
      overwrite: t.arg.boolean({ required: true, defaultValue: false }),
      dryRun: t.arg.boolean({ required: true, defaultValue: false }),
    },
    resolve: async (_root, args, context) => {
      const id = parseNeuronId(args.id);
      context.diskCache.assertConfigured();
      if (!args.dryRun) context.authorizeWrite();
      const neuron = await resolveNeuron(context, id, args.dryRun);
      const record = await context.diskCache.download({
        neuron,
        mode: args.mode,
        overwrite: args.overwrite,
        dryRun: args.dryRun,
        loadMeasurement: async () => context.loaders.measurement.load(id),
      });
      context.loaders.cacheStatus.clear(neuron);
      return withLocalUrls(context, record);
    },
  }),
);

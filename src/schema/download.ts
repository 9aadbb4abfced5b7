import { clearCachedNeurons, readCachedNeuron, removeCachedNeuron } from '../disk/cache-admin.js';
import { listCachedStatuses } from '../disk/cache-status.js';
import { CacheNotConfiguredError } from '../disk/download-errors.js';
import { EXISTS_REASON } from '../disk/download-items.js';
import type { DownloadItemResult, DownloadResult } from '../disk/downloader.js';
import { NotFoundError } from '../errors.js';
import type { NeuronRecord } from '../neuromorpho/types.js';
import { builder } from './builder.js';
import { CacheStatusRef } from './cache-status.js';
import type { GatewayContext } from './context.js';
import { DownloadModeEnum, FileKindEnum } from './file-plan.js';
import { MeasurementRef } from './measurement.js';
import { NeuronRef, parseNeuronId } from './neuron.js';
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
    bytes: t.exposeInt('bytes', { nullable: true }),
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

function cacheRoot(context: GatewayContext): string {
  if (context.cacheDir === null) throw new CacheNotConfiguredError();
  return context.cacheDir;
}

/** A dry run plans from the copy on disk when there is one, so it costs NeuroMorpho nothing. */
async function resolveNeuron(
  context: GatewayContext,
  id: number,
  preferDisk: boolean,
): Promise<NeuronRecord> {
  const cached = preferDisk ? await readCachedNeuron(cacheRoot(context), id, context.site) : null;
  const neuron = cached ?? (await context.loaders.neuron.load(id));
  if (neuron === null) throw new NotFoundError(`NeuroMorpho has no neuron ${id}`, { neuronId: id });
  return neuron;
}

function withLocalUrls(context: GatewayContext, record: DownloadResult) {
  const items = record.items.map((item) => ({
    ...item,
    localUrl:
      item.downloadedNow || item.reason === EXISTS_REASON
        ? `${context.origin}/files/${record.neuron.neuronId}/${encodeURIComponent(item.filename)}`
        : null,
  }));
  return { ...record, items };
}

builder.mutationType({ description: 'Changes to the on-disk neuron cache (need write access; see README).' });

builder.mutationFields((t) => ({
  downloadNeuron: t.field({
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
      cacheRoot(context);
      if (!args.dryRun) context.authorizeWrite();
      const downloader = context.downloader;
      if (downloader === null) throw new CacheNotConfiguredError();
      const neuron = await resolveNeuron(context, id, args.dryRun);
      const record = await downloader.download({
        neuron,
        mode: args.mode,
        overwrite: args.overwrite,
        dryRun: args.dryRun,
        loadMeasurement: () => context.loaders.measurement.load(id),
      });
      context.loaders.cacheStatus.clear(neuron);
      return withLocalUrls(context, record);
    },
  }),
  removeCachedNeuron: t.boolean({
    description: "Removes one neuron's folder from the cache; false when it was not cached.",
    args: { id: t.arg.int({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = parseNeuronId(args.id);
      const root = cacheRoot(context);
      context.authorizeWrite();
      context.loaders.cacheStatus.clearAll();
      return removeCachedNeuron(root, id);
    },
  }),
  clearCache: t.int({
    description: 'Removes every neuron folder from the cache (other files are left alone); returns how many.',
    resolve: async (_root, _args, context) => {
      const root = cacheRoot(context);
      context.authorizeWrite();
      context.loaders.cacheStatus.clearAll();
      return clearCachedNeurons(root);
    },
  }),
}));

builder.queryField('cachedNeurons', (t) =>
  t.field({
    type: [CacheStatusRef],
    description: 'Every neuron in the on-disk cache, by id (read from disk, no upstream request).',
    complexity: { field: 1, multiplier: 100 },
    resolve: async (_root, _args, context) => {
      return listCachedStatuses(cacheRoot(context), context.site);
    },
  }),
);

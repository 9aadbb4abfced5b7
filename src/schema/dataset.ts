import type {
  DatasetFile,
  DatasetInput,
  DatasetItem,
  DatasetItemsPage,
  DatasetSnapshot,
} from '../datasets/types.js';
import type { DownloadMode } from '../neuromorpho/types.js';
import { builder } from './builder.js';
import type { GatewayContext } from './context.js';
import { DownloadModeEnum, FileKindEnum } from './file-plan.js';
import { NeuronRef } from './neuron.js';
import { HIDDEN_PATH_NOTE } from './path-visibility.js';
import { NeuronFilterInput } from './search.js';

const DatasetStatusEnum = builder.enumType('DatasetStatus', {
  values: ['QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED'] as const,
});

const DatasetItemStatusEnum = builder.enumType('DatasetItemStatus', {
  values: {
    PENDING: { description: 'Not finished yet.' },
    DONE: { description: 'Fetched by this dataset.' },
    SKIPPED: { description: 'Already complete in the cache: nothing fetched.' },
    FAILED: { description: 'Could not be fetched (see error); the job went on.' },
  } as const,
});

const DatasetErrorRef = builder.objectRef<{ code: string; message: string }>('DatasetError').implement({
  fields: (t) => ({ code: t.exposeString('code'), message: t.exposeString('message') }),
});

/** A file of an item, with the neuron it belongs to (for its URL). */
type FileShape = DatasetFile & { neuronId: number };

const absolute = (context: GatewayContext, relativePath: string) =>
  context.showPaths && context.cacheRoot !== null ? `${context.cacheRoot}/${relativePath}` : null;

const DatasetFileRef = builder.objectRef<FileShape>('DatasetFile').implement({
  fields: (t) => ({
    kind: t.field({ type: FileKindEnum, resolve: (file) => file.kind }),
    filename: t.exposeString('filename'),
    relativePath: t.exposeString('relativePath', {
      description: 'Relative to the cache root, `/`-separated.',
    }),
    path: t.string({
      nullable: true,
      description: `Absolute path on the gateway machine; null ${HIDDEN_PATH_NOTE}.`,
      resolve: (file, _args, context) => absolute(context, file.relativePath),
    }),
    bytes: t.float({ nullable: true, resolve: (file) => file.bytes }),
    sha256: t.exposeString('sha256', {
      nullable: true,
      description: 'Of the file on disk when its item finished.',
    }),
    localUrl: t.string({
      nullable: true,
      description: 'Where this gateway serves the cached file (GET, with Range support).',
      resolve: (file, _args, context) =>
        `${context.origin}/files/${file.neuronId}/${encodeURIComponent(file.filename)}`,
    }),
  }),
});

const DatasetItemRef = builder.objectRef<DatasetItem>('DatasetItem').implement({
  description: 'One neuron of a dataset and what became of it.',
  fields: (t) => ({
    neuronId: t.exposeInt('neuronId'),
    neuron: t.field({ type: NeuronRef, resolve: (item) => item.neuron }),
    status: t.field({ type: DatasetItemStatusEnum, resolve: (item) => item.status }),
    error: t.field({ type: DatasetErrorRef, nullable: true, resolve: (item) => item.error }),
    files: t.field({
      type: [DatasetFileRef],
      resolve: (item) => item.files.map((file) => ({ ...file, neuronId: item.neuronId })),
    }),
  }),
});

const DatasetItemPageRef = builder.objectRef<DatasetItemsPage>('DatasetItemPage').implement({
  fields: (t) => ({
    items: t.field({ type: [DatasetItemRef], resolve: (page) => page.items }),
    nextCursor: t.exposeString('nextCursor', {
      nullable: true,
      description: 'Pass as `after`; null on the last page.',
    }),
  }),
});

const datasetUrl = (context: GatewayContext, id: string, suffix: string) =>
  `${context.origin}/datasets/${encodeURIComponent(id)}${suffix}`;

export const DatasetRef = builder.objectRef<DatasetSnapshot>('Dataset').implement({
  description: 'A dataset job: a search (or id list) downloaded into the cache, neuron by neuron.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    status: t.field({ type: DatasetStatusEnum, resolve: (dataset) => dataset.status }),
    total: t.exposeInt('total', {
      description: 'Neurons in the dataset (before planning: the search total, capped by limit).',
    }),
    done: t.exposeInt('done', { description: 'Neurons fetched by this dataset.' }),
    skipped: t.exposeInt('skipped', { description: 'Neurons already complete in the cache.' }),
    failed: t.exposeInt('failed'),
    bytes: t.float({ description: 'Bytes fetched by this dataset.', resolve: (dataset) => dataset.bytes }),
    createdAt: t.exposeString('createdAt'),
    startedAt: t.exposeString('startedAt', { nullable: true }),
    finishedAt: t.exposeString('finishedAt', { nullable: true }),
    etaSeconds: t.float({ nullable: true, resolve: (dataset) => dataset.etaSeconds }),
    error: t.field({ type: DatasetErrorRef, nullable: true, resolve: (dataset) => dataset.error }),
    items: t.field({
      type: DatasetItemPageRef,
      description: 'Items in plan order (neuron_id ascending), `first` at a time (1 to 500).',
      complexity: (args) => ({ field: 1, multiplier: Math.max(1, Math.min(args.first, 500)) }),
      args: {
        first: t.arg.int({ required: true, defaultValue: 100 }),
        after: t.arg.string(),
      },
      resolve: (dataset, args, context) => context.datasets.items(dataset.id, args.first, args.after ?? null),
    }),
    folder: t.string({
      nullable: true,
      description: `Absolute path of the cache root the files are in; null ${HIDDEN_PATH_NOTE}.`,
      resolve: (_dataset, _args, context) => (context.showPaths ? context.cacheRoot : null),
    }),
    manifestCsvUrl: t.string({
      resolve: (dataset, _args, context) => datasetUrl(context, dataset.id, '/manifest.csv'),
    }),
    manifestJsonUrl: t.string({
      resolve: (dataset, _args, context) => datasetUrl(context, dataset.id, '/manifest.json'),
    }),
    zipUrl: t.string({ resolve: (dataset, _args, context) => datasetUrl(context, dataset.id, '.zip') }),
  }),
});

const CreateDatasetInput = builder.inputType('CreateDatasetInput', {
  description: 'Neurons by `ids`, or by a search (q, fq, filter; none matches everything): not both.',
  fields: (t) => ({
    ids: t.intList(),
    q: t.string(),
    fq: t.stringList(),
    filter: t.field({ type: NeuronFilterInput }),
    limit: t.int({
      required: true,
      defaultValue: 100,
      description: 'At most this many neurons (1 to DATASET_MAX_NEURONS).',
    }),
    mode: t.field({ type: DownloadModeEnum, required: true, defaultValue: 'both' }),
    overwrite: t.boolean({ required: true, defaultValue: false }),
    name: t.string(),
  }),
});

builder.queryFields((t) => ({
  dataset: t.field({
    type: DatasetRef,
    nullable: true,
    description: 'A dataset job by id; null when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => context.datasets.get(String(args.id)),
  }),
  datasets: t.field({
    type: [DatasetRef],
    description: 'Every dataset job in the cache, newest first.',
    resolve: (_root, _args, context) => context.datasets.list(),
  }),
}));

builder.mutationFields((t) => ({
  createDataset: t.field({
    type: DatasetRef,
    description:
      'Starts a dataset job. Bad input, an invalid filter or an empty match fail here, before any job exists; ' +
      'then the job runs in the background (watch it with datasetProgress or poll dataset(id)).',
    args: { input: t.arg({ type: CreateDatasetInput, required: true }) },
    resolve: (_root, { input }, context) => {
      context.diskCache.assertConfigured();
      context.authorizeWrite();
      const datasetInput: DatasetInput = {
        ids: input.ids ?? null,
        q: input.q ?? null,
        fq: input.fq ?? null,
        filter: input.filter ?? null,
        limit: input.limit,
        mode: input.mode as DownloadMode,
        overwrite: input.overwrite,
        name: input.name ?? null,
      };
      return context.datasets.create(datasetInput, { clientKey: context.clientKey });
    },
  }),
  cancelDataset: t.field({
    type: DatasetRef,
    description: 'Stops starting new downloads; finished files stay. A finished job is returned as it is.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => {
      context.diskCache.assertConfigured();
      context.authorizeWrite();
      return context.datasets.cancel(String(args.id));
    },
  }),
  deleteDataset: t.boolean({
    description:
      'Cancels the job if it runs and removes its state; with removeFiles also the neuron folders it fetched. False when there was no such job.',
    args: {
      id: t.arg.id({ required: true }),
      removeFiles: t.arg.boolean({ required: true, defaultValue: false }),
    },
    resolve: async (_root, args, context) => {
      context.diskCache.assertConfigured();
      context.authorizeWrite();
      const removed = await context.datasets.delete(String(args.id), args.removeFiles);
      if (args.removeFiles) context.loaders.cacheStatus.clearAll();
      return removed;
    },
  }),
}));

builder.subscriptionField('datasetProgress', (t) =>
  t.field({
    type: DatasetRef,
    description:
      'The job now, then after every change (coalesced, in order), ending after DONE, FAILED or CANCELLED. ' +
      'Over Server-Sent Events: POST or GET /graphql with `Accept: text/event-stream`.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, args, context) => watchUntilReturned(context, String(args.id)),
    resolve: (snapshot) => snapshot,
  }),
);

/** The job's snapshots until they end or the client goes away (the iterator is returned). */
async function* watchUntilReturned(context: GatewayContext, id: string): AsyncGenerator<DatasetSnapshot> {
  const stop = new AbortController();
  try {
    yield* context.datasets.watch(id, stop.signal);
  } finally {
    stop.abort();
  }
}

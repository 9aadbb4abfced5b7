import { type Command, Option } from 'commander';
import {
  collect,
  type DownloadModeName,
  parseDatasetId,
  parseFilter,
  parseIdList,
  parseLimit,
  parseMode,
} from '../argument-parsers.js';
import { CliFailure, UsageError } from '../cli-errors.js';
import { type CliIo, commandContext } from '../cli-io.js';
import {
  CANCEL_DATASET,
  CREATE_DATASET,
  DATASET,
  DATASET_ITEMS,
  DATASETS,
  type DatasetItemView,
  type DatasetView,
  DELETE_DATASET,
} from '../documents.js';
import { followDataset } from '../follow-dataset.js';
import { datasetLines, datasetRow, itemLine, outputUrls } from '../format.js';
import type { GatewayClient } from '../gateway-client.js';
import { createProgressView } from '../progress-view.js';

interface CreateOptions {
  q?: string;
  fq?: string[];
  filter?: Record<string, unknown>;
  ids?: number[];
  limit?: number;
  mode: DownloadModeName;
  overwrite?: boolean;
  name?: string;
  wait: boolean;
}

/** The exit code of a followed dataset: 0 only for DONE, 130 (as for SIGINT) when Ctrl-C stopped following. */
function exitCodeOf(dataset: DatasetView, io: CliIo): number {
  if (io.signal?.aborted) return 130;
  return dataset.status === 'DONE' ? 0 : 1;
}

export function addDatasetCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const dataset = program
    .command('dataset')
    .description('build a local dataset from a search or a list of ids, and follow it');

  dataset
    .command('create')
    .description('start a dataset on the gateway and follow it to the end with a progress bar')
    .option('--q <query>', 'Solr query, e.g. species:mouse (default: every neuron)')
    .option('--fq <filter>', 'Solr filter query; repeat for more', collect)
    .option('--filter <json>', 'a NeuronFilter as JSON, e.g. \'{"species":["mouse"]}\'', parseFilter)
    .option('--ids <ids>', 'comma-separated neuron ids instead of a search', parseIdList)
    .option(
      '--limit <n>',
      "at most this many neurons (default: the gateway's, 100; with --ids: their count)",
      parseLimit,
    )
    .addOption(
      new Option('--mode <mode>', 'files to fetch: standard, original or both')
        .default('BOTH', 'both')
        .argParser(parseMode),
    )
    .option('--overwrite', 'fetch files again even when they are complete on disk')
    .option('--name <name>', 'a name to show (default: a description of the search)')
    .option('--no-wait', 'print the new dataset and return at once instead of following it')
    .action(async (options: CreateOptions, command: Command) => {
      const context = commandContext(command, io);
      const input = createInput(options);
      const { createDataset } = await context.client.request<{ createDataset: DatasetView }>(CREATE_DATASET, {
        input,
      });
      if (!options.wait) {
        if (context.json) context.printJson(createDataset);
        else for (const line of datasetLines(createDataset, context.client.baseUrl)) context.say(line);
        return;
      }
      context.say(`dataset ${createDataset.id}: ${createDataset.name} (${createDataset.total} neurons)`);
      const final = await follow(context.client, createDataset, io, context.json);
      if (context.json) context.printJson(final);
      else printOutcome(final, context.client.baseUrl, context.say);
      setExitCode(exitCodeOf(final, io));
    });

  dataset
    .command('list')
    .description('every dataset the gateway knows, newest first')
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command, io);
      const { datasets } = await context.client.request<{ datasets: DatasetView[] }>(DATASETS);
      if (context.json) return context.printJson(datasets);
      if (datasets.length === 0) context.say('no datasets');
      for (const one of datasets) context.say(datasetRow(one));
    });

  dataset
    .command('show')
    .description("a dataset's status, counts, folder and outputs")
    .argument('<id>', 'dataset id', parseDatasetId)
    .option('--items', 'also every item (neuron, status, error, files)')
    .option('--follow', 'follow it to the end with a progress bar, as create does')
    .action(async (id: string, options: { items?: boolean; follow?: boolean }, command: Command) => {
      const context = commandContext(command, io);
      let shown = await getDataset(context.client, id);
      if (options.follow) {
        shown = await follow(context.client, shown, io, context.json);
        setExitCode(exitCodeOf(shown, io));
      }
      const items = options.items ? await allItems(context.client, id) : null;
      if (context.json) return context.printJson(items === null ? shown : { ...shown, items });
      for (const line of datasetLines(shown, context.client.baseUrl)) context.say(line);
      if (items !== null) for (const item of items) context.say(itemLine(item));
    });

  dataset
    .command('cancel')
    .description('stop a dataset: no new downloads start, finished files stay')
    .argument('<id>', 'dataset id', parseDatasetId)
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = commandContext(command, io);
      const { cancelDataset } = await context.client.request<{ cancelDataset: DatasetView }>(CANCEL_DATASET, {
        id,
      });
      if (context.json) return context.printJson(cancelDataset);
      context.say(`dataset ${cancelDataset.id}: ${cancelDataset.status}`);
    });

  dataset
    .command('delete')
    .description('cancel a dataset and forget it; --remove-files also removes the neuron folders it fetched')
    .argument('<id>', 'dataset id', parseDatasetId)
    .option('--remove-files', 'also remove the neuron folders this dataset downloaded')
    .action(async (id: string, options: { removeFiles?: boolean }, command: Command) => {
      const context = commandContext(command, io);
      const { deleteDataset } = await context.client.request<{ deleteDataset: boolean }>(DELETE_DATASET, {
        id,
        removeFiles: options.removeFiles === true,
      });
      if (!deleteDataset) setExitCode(1);
      if (context.json) return context.printJson({ id, deleted: deleteDataset });
      context.say(deleteDataset ? `dataset ${id} deleted` : `no dataset ${id}`);
    });
}

function createInput(options: CreateOptions): Record<string, unknown> {
  const searches = options.q !== undefined || options.fq !== undefined || options.filter !== undefined;
  if (options.ids !== undefined && searches) {
    throw new UsageError('give either --ids or a search (--q, --fq, --filter), not both');
  }
  const limit = options.limit ?? (options.ids === undefined ? undefined : new Set(options.ids).size);
  const input: Record<string, unknown> = { mode: options.mode, overwrite: options.overwrite === true };
  if (options.ids !== undefined) input.ids = options.ids;
  if (options.q !== undefined) input.q = options.q;
  if (options.fq !== undefined) input.fq = options.fq;
  if (options.filter !== undefined) input.filter = options.filter;
  if (limit !== undefined) input.limit = limit;
  if (options.name !== undefined) input.name = options.name;
  return input;
}

async function getDataset(client: GatewayClient, id: string): Promise<DatasetView> {
  const { dataset } = await client.request<{ dataset: DatasetView | null }>(DATASET, { id });
  if (dataset === null) throw new CliFailure('NOT_FOUND', `the gateway has no dataset ${id}`);
  return dataset;
}

/** Follows the dataset with the progress view; the last snapshot seen (final unless Ctrl-C stopped it). */
async function follow(
  client: GatewayClient,
  start: DatasetView,
  io: CliIo,
  json: boolean,
): Promise<DatasetView> {
  const view = createProgressView(io.stdout, json);
  const signal = io.signal ?? new AbortController().signal;
  let last = start;
  view.update(last);
  try {
    for await (const snapshot of followDataset(client, start.id, {
      signal,
      onFallback: (reason) => io.stderr.write(`live progress unavailable (${reason}); polling instead\n`),
    })) {
      last = snapshot;
      view.update(snapshot);
    }
  } finally {
    view.stop();
  }
  if (signal.aborted) {
    io.stderr.write(`stopped following; dataset ${start.id} goes on (dataset cancel ${start.id} stops it)\n`);
  }
  return last;
}

function printOutcome(dataset: DatasetView, baseUrl: URL, say: (line: string) => void): void {
  const urls = outputUrls(dataset, baseUrl);
  const error = dataset.error ? ` (${dataset.error.code}: ${dataset.error.message})` : '';
  say(
    `${dataset.status}${error}: ${dataset.done} fetched, ${dataset.skipped} already there, ${dataset.failed} failed`,
  );
  say(`folder:   ${dataset.folder ?? '(not shown by the gateway)'}`);
  say(`manifest: ${urls.manifestCsv}`);
  say(`          ${urls.manifestJson}`);
  say(`zip:      ${urls.zip}`);
}

async function allItems(client: GatewayClient, id: string): Promise<DatasetItemView[]> {
  const items: DatasetItemView[] = [];
  let after: string | null = null;
  do {
    const answer: { dataset: { items: { items: DatasetItemView[]; nextCursor: string | null } } | null } =
      await client.request(DATASET_ITEMS, { id, first: 500, after });
    if (answer.dataset === null) throw new CliFailure('NOT_FOUND', `the gateway has no dataset ${id}`);
    items.push(...answer.dataset.items.items);
    after = answer.dataset.items.nextCursor;
  } while (after !== null);
  return items;
}

import type { Command } from 'commander';
import { parseNeuronId } from '../argument-parsers.js';
import { type CliIo, commandContext } from '../cli-io.js';
import {
  CACHE_PAGE_SIZE,
  CACHED_NEURONS,
  type CacheStatusView,
  CLEAR_CACHE,
  REMOVE_CACHED_NEURON,
} from '../documents.js';
import { cacheRow } from '../format.js';
import type { GatewayClient } from '../gateway-client.js';

export function addCacheCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const cache = program.command('cache').description("the gateway's on-disk cache of downloaded neurons");

  cache
    .command('list')
    .description('every neuron in the cache, ascending by id, with the files it has')
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command, io);
      const neurons = await allCachedNeurons(context.client);
      if (context.json) return context.printJson(neurons);
      if (neurons.length === 0) context.say('the cache holds no neurons');
      for (const status of neurons) context.say(cacheRow(status));
    });

  cache
    .command('rm')
    .description("remove one neuron's folder from the cache")
    .argument('<id>', 'NeuroMorpho neuron id', parseNeuronId)
    .action(async (id: number, _options: unknown, command: Command) => {
      const context = commandContext(command, io);
      const { removeCachedNeuron } = await context.client.request<{ removeCachedNeuron: boolean }>(
        REMOVE_CACHED_NEURON,
        { id },
      );
      // Like rm: asking to remove what is not there is worth a non-zero exit for scripts.
      if (!removeCachedNeuron) setExitCode(1);
      if (context.json) return context.printJson({ neuronId: id, removed: removeCachedNeuron });
      context.say(removeCachedNeuron ? `removed neuron ${id}` : `neuron ${id} was not cached`);
    });

  cache
    .command('clear')
    .description('remove every neuron folder from the cache (other files there are left alone)')
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command, io);
      const { clearCache } = await context.client.request<{ clearCache: number }>(CLEAR_CACHE);
      if (context.json) return context.printJson({ removed: clearCache });
      context.say(`removed ${clearCache} neuron folder${clearCache === 1 ? '' : 's'}`);
    });
}

/** cachedNeurons a page at a time (the gateway serves at most 500 per answer). */
async function allCachedNeurons(client: GatewayClient): Promise<CacheStatusView[]> {
  const all: CacheStatusView[] = [];
  let afterId: number | null = null;
  for (;;) {
    const { cachedNeurons }: { cachedNeurons: CacheStatusView[] } = await client.request(CACHED_NEURONS, {
      first: CACHE_PAGE_SIZE,
      afterId,
    });
    all.push(...cachedNeurons);
    if (cachedNeurons.length < CACHE_PAGE_SIZE) return all;
    afterId = cachedNeurons[cachedNeurons.length - 1]?.neuronId ?? null;
  }
}

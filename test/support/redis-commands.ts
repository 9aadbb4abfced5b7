import { createClient } from '@keyv/redis';
import { registerCleanup } from './cleanup.js';

/** Calls of each Redis command since the last reset, from `INFO commandstats` (e.g. { mget: 1, exec: 1 }). */
export type CommandCounts = Record<string, number>;

export interface RedisCommandCounter {
  /** Zeroes the server's counters (`CONFIG RESETSTAT`). */
  reset(): Promise<void>;
  /** The counts since the last reset, this counter's own INFO and RESETSTAT left out. */
  counts(): Promise<CommandCounts>;
}

/**
 * Counts the commands a Redis server has run, read from the server itself: what the gateway really
 * sent, whatever its client libraries do with it.
 */
export async function countRedisCommands(url: string): Promise<RedisCommandCounter> {
  // Queues its commands while the server is restarted by a test, and reconnects by itself.
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  registerCleanup(() => client.close().catch(() => undefined));
  return {
    async reset() {
      await client.configResetStat();
    },
    async counts() {
      const text = await client.info('commandstats');
      const counts: CommandCounts = {};
      for (const match of text.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)) {
        const name = match[1] as string;
        if (name === 'info' || name === 'config|resetstat') continue;
        counts[name] = Number(match[2]);
      }
      return counts;
    },
  };
}

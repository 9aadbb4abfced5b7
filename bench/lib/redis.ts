/** A real redis-server on a free loopback port, without persistence (shared with the tests). */
import { launchRedis } from '../../scripts/local-redis.js';

export interface BenchRedis {
  url: string;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<BenchRedis> {
  const redis = await launchRedis();
  return { url: redis.url, stop: () => redis.stop('SIGTERM') };
}

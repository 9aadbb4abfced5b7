import type { createClient } from '@keyv/redis';

/** node-redis's client, as `@keyv/redis` builds it. */
export type RedisClient = ReturnType<typeof createClient>;

/**
 * Loads the Redis modules (about 150 ms and several MiB at start-up) only when a `redis://` store is
 * configured, and builds a client that never holds a request: commands fail at once while disconnected
 * (no offline queue) and it keeps reconnecting in the background. The response cache and the shared
 * rate limit both use it, so they behave alike during an outage.
 */
export async function loadRedisClient(url: string): Promise<RedisClient> {
  const { createClient: create } = await import('@keyv/redis');
  return create({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
    },
  });
}

/** Loads the keyv adapter's class by itself, on the same terms as the client. */
export async function loadKeyvRedis() {
  return (await import('@keyv/redis')).default;
}

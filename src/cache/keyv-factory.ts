import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import { LRUCache } from 'lru-cache';

export type StoreKind = 'memory' | 'redis' | 'off';

export interface KeyvHandle {
  kind: StoreKind;
  keyv: Keyv | null;
  /** Whether the backing store answers right now (always true in memory). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * A bounded in-process store with the Map-like shape keyv expects (`set(key, value, ttl)`): least
 * recently used entries go first once `maxEntries` are held.
 */
function boundedMapStore(maxEntries: number) {
  const lru = new LRUCache<string, object>({ max: maxEntries });
  return {
    get: (key: string) => lru.get(key),
    set: (key: string, value: object, ttl?: number) => {
      lru.set(key, value, ttl ? { ttl } : {});
      return true;
    },
    delete: (key: string) => lru.delete(key),
    clear: () => lru.clear(),
    has: (key: string) => lru.has(key),
  };
}

export interface KeyvFactoryOptions {
  /** `memory`, `off` or a `redis://host:port` URL. */
  store: string;
  /** Entries the memory store keeps (least recently used go first). */
  maxEntries: number;
  onError: (error: unknown) => void;
}

/**
 * Builds the keyv instance behind the response cache. Redis is set up so that an outage never blocks
 * a request: commands fail at once while disconnected (no offline queue) and the client keeps
 * reconnecting in the background, so caching resumes by itself when Redis is back.
 */
export function createKeyvHandle(options: KeyvFactoryOptions): KeyvHandle {
  if (options.store === 'off') {
    return { kind: 'off', keyv: null, ping: async () => true, close: async () => undefined };
  }
  if (options.store === 'memory') {
    const keyv = new Keyv({ store: boundedMapStore(options.maxEntries) });
    // In process there is nothing to serialise for: entries are kept as the objects they are (read-only
    // by convention: mappers copy what they need and never write into cached payloads).
    keyv.serialize = undefined;
    keyv.deserialize = undefined;
    keyv.on('error', options.onError);
    return { kind: 'memory', keyv, ping: async () => true, close: async () => undefined };
  }
  const client = createClient({
    url: options.store,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
    },
  });
  client.on('error', options.onError);
  // Connecting in the background: the gateway starts and serves while Redis is down.
  client.connect().catch(options.onError);
  const store = new KeyvRedis(client, { throwOnConnectError: false, throwOnErrors: true });
  const keyv = new Keyv({ store, namespace: 'nmg', useKeyPrefix: false });
  keyv.on('error', options.onError);
  return {
    kind: 'redis',
    keyv,
    async ping() {
      try {
        return client.isReady && (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      try {
        // A graceful close waits for Redis; while it is unreachable there is nothing to wait for.
        if (client.isReady) await client.close();
        else if (client.isOpen) client.destroy();
      } catch (error) {
        options.onError(error);
      }
    },
  };
}

import { EventEmitter } from 'node:events';
import type KeyvRedis from '@keyv/redis';
import Keyv, { type DeserializedData, type KeyvStoreAdapter, type StoredData } from 'keyv';
import { parsePayload, stringifyPayload } from '../neuromorpho/payload-json.js';
import type { ConnectionChange, ConnectionState, StoreConnection } from './keyv-factory.js';
import { loadKeyvRedis, loadRedisClient, type RedisClient } from './redis-client.js';

/** Redis behind keyv, built at once although its modules load in the background. */
export interface RedisBacking {
  keyv: Keyv;
  connection: StoreConnection;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

type Adapter = KeyvRedis<unknown>;

/**
 * A keyv store adapter that forwards to `@keyv/redis` once it has loaded. Keyv needs its store when it
 * is built, and the gateway builds its cache synchronously; the first operations simply wait for the
 * import (a few hundred ms at most, while the client connects anyway).
 */
class DeferredRedisAdapter extends EventEmitter implements KeyvStoreAdapter {
  opts: Record<string, unknown> = {};
  #namespace: string | undefined;
  #store: Adapter | undefined;
  readonly #loaded: Promise<Adapter>;

  constructor(loaded: Promise<Adapter>) {
    super();
    this.#loaded = loaded.then((store) => {
      store.namespace = this.#namespace;
      store.on('error', (error: unknown) => this.emit('error', error));
      this.#store = store;
      return store;
    });
    // A failed load is reported by the connection (it never comes up); operations reject with it.
    this.#loaded.catch(() => undefined);
  }

  get namespace(): string | undefined {
    return this.#namespace;
  }

  set namespace(value: string | undefined) {
    this.#namespace = value;
    if (this.#store) this.#store.namespace = value;
  }

  /** Straight to the adapter once loaded: no extra promise hop on the warm path. */
  #use<T>(operation: (store: Adapter) => Promise<T>): Promise<T> {
    return this.#store ? operation(this.#store) : this.#loaded.then(operation);
  }

  get<Value>(key: string) {
    return this.#use((store) => store.get(key)) as Promise<StoredData<Value> | undefined>;
  }
  getMany<Value>(keys: string[]) {
    return this.#use((store) => store.getMany(keys)) as Promise<Array<StoredData<Value | undefined>>>;
  }
  set(key: string, value: unknown, ttl?: number) {
    return this.#use((store) => store.set(key, value as string, ttl));
  }
  setMany(entries: Array<{ key: string; value: unknown; ttl?: number }>) {
    return this.#use((store) =>
      store.setMany(entries.map((entry) => ({ ...entry, value: entry.value as string }))),
    );
  }
  delete(key: string) {
    return this.#use((store) => store.delete(key));
  }
  deleteMany(keys: string[]) {
    return this.#use((store) => store.deleteMany(keys));
  }
  has(key: string) {
    return this.#use((store) => store.has(key));
  }
  hasMany(keys: string[]) {
    return this.#use((store) => store.hasMany(keys));
  }
  clear() {
    return this.#use((store) => store.clear());
  }
}

/** The part of node-redis's client the connection state is read from. */
interface ConnectionEvents {
  readonly isReady: boolean;
  on(event: 'ready' | 'reconnecting' | 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

function redisConnection(client: Promise<ConnectionEvents>): StoreConnection {
  const listeners: Array<(change: ConnectionChange) => void> = [];
  let lastError: unknown = new Error('the Redis connection closed');
  let state: ConnectionState = 'connecting';
  let loaded: ConnectionEvents | undefined;
  const tell = (change: ConnectionChange) => {
    state = change.up ? 'ready' : 'down';
    for (const listener of listeners) listener(change);
  };
  client.then(
    (events) => {
      loaded = events;
      events.on('ready', () => tell({ up: true }));
      events.on('error', (error: unknown) => {
        lastError = error;
        tell({ up: false, cause: error });
      });
      events.on('reconnecting', () => tell({ up: false, cause: lastError }));
      events.on('end', () => tell({ up: false, cause: lastError }));
    },
    (error: unknown) => {
      lastError = error;
      tell({ up: false, cause: error });
    },
  );
  return {
    // The client's own flag is the truth once it has one; the events only say why it changed.
    state: () => (loaded?.isReady ? 'ready' : state === 'connecting' ? 'connecting' : 'down'),
    onChange: (listener) => void listeners.push(listener),
  };
}

/**
 * Redis set up so that an outage never blocks a request: commands fail at once while disconnected, the
 * connection state is exposed so the store can skip Redis entirely while it is down, and the client
 * keeps reconnecting in the background, so caching resumes by itself when Redis is back. `@keyv/redis`
 * is imported here, on demand, so a gateway on the memory store never loads it.
 */
export function createRedisBacking(url: string, onError: (error: unknown) => void): RedisBacking {
  const client = loadRedisClient(url);
  const connection = redisConnection(client);
  // Connecting in the background: the gateway starts and serves while Redis is down. A failure here is
  // also an 'error' event, which the connection state reports.
  const firstAttempt = client.then((loaded) => loaded.connect()).catch(() => undefined);
  // The first operations wait for that first attempt (within the store's operation timeout): a command
  // sent before it has connected would fail at once (no offline queue) and miss a warm Redis.
  const adapter = new DeferredRedisAdapter(
    Promise.all([loadKeyvRedis(), client, firstAttempt]).then(
      ([KeyvRedisClass, loaded]) =>
        new KeyvRedisClass(loaded, { throwOnConnectError: false, throwOnErrors: true }) as Adapter,
    ),
  );
  const keyv = new Keyv({
    store: adapter,
    namespace: 'nmg',
    useKeyPrefix: false,
    // Payload JSON with its number forms kept (`"n_stems": 6.0` reads back as 6.0, for metadata.json).
    serialize: (data) => stringifyPayload(data),
    deserialize: <Value>(text: string) => parsePayload(text) as DeserializedData<Value>,
  });
  keyv.on('error', onError);
  const settled = (): Promise<RedisClient | undefined> => client.catch(() => undefined);
  return {
    keyv,
    connection,
    async ping() {
      try {
        const loaded = await settled();
        return loaded?.isReady === true && (await loaded.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      const loaded = await settled();
      if (!loaded) return;
      try {
        // A graceful close waits for Redis; while it is unreachable there is nothing to wait for.
        if (loaded.isReady) await loaded.close();
        else if (loaded.isOpen) loaded.destroy();
      } catch (error) {
        onError(error);
      }
    },
  };
}

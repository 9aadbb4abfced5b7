import { type Envelope, isEnvelope } from './envelope.js';
import type { KeyvHandle, StoreKind } from './keyv-factory.js';

export interface ResponseStoreOptions {
  handle: KeyvHandle;
  /** How long an entry is kept after it stops being fresh (for stale-if-error). */
  staleMs: number;
  /** A cache operation slower than this counts as a miss: the cache must never slow a request down much. */
  operationTimeoutMs: number;
  onError: (error: unknown, operation: string) => void;
  now?: () => number;
}

export interface ResponseStore {
  readonly kind: StoreKind;
  /** The envelope stored under each key, or undefined (missing, unreadable, corrupt, or the store failed). */
  getMany<T>(keys: readonly string[]): Promise<Array<Envelope<T> | undefined>>;
  /** Stores each value fresh for its own time; failures are reported, never thrown. */
  setMany(entries: ReadonlyArray<{ key: string; value: unknown; freshMs: number }>): Promise<void>;
  ping(): Promise<boolean>;
  /** Entries this process has written: a store that has any can answer from cache. */
  written(): number;
  close(): Promise<void>;
}

class CacheTimeoutError extends Error {
  readonly code = 'CACHE_TIMEOUT';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CacheTimeoutError(`cache operation took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Envelopes over keyv: never throws, never waits long, drops corrupt entries. */
export function createResponseStore(options: ResponseStoreOptions): ResponseStore {
  const { handle } = options;
  const now = options.now ?? Date.now;
  let written = 0;

  return {
    kind: handle.kind,
    async getMany<T>(keys: readonly string[]) {
      const keyv = handle.keyv;
      if (keyv === null || keys.length === 0) return keys.map(() => undefined);
      try {
        const values = await withTimeout(keyv.getMany<unknown>([...keys]), options.operationTimeoutMs);
        return values.map((value, index) => {
          if (value === undefined || value === null) return undefined;
          if (isEnvelope(value)) return value as Envelope<T>;
          options.onError(new Error(`corrupt cache entry ${keys[index]}`), 'read');
          void keyv.delete(keys[index] as string).catch(() => undefined);
          return undefined;
        });
      } catch (error) {
        options.onError(error, 'read');
        return keys.map(() => undefined);
      }
    },
    async setMany(entries) {
      const keyv = handle.keyv;
      if (keyv === null || entries.length === 0) return;
      const storedAt = now();
      try {
        await withTimeout(
          keyv.setMany(
            entries.map(({ key, value, freshMs }) => ({
              key,
              value: { v: value, t: storedAt, f: storedAt + freshMs } satisfies Envelope<unknown>,
              ttl: freshMs + options.staleMs,
            })),
          ),
          options.operationTimeoutMs,
        );
        written += entries.length;
      } catch (error) {
        options.onError(error, 'write');
      }
    },
    ping: () => handle.ping(),
    written: () => written,
    close: () => handle.close(),
  };
}

import { freePort } from '../../scripts/free-port.js';
import { launchRedis } from '../../scripts/local-redis.js';
import { registerCleanup } from './cleanup.js';

export { freePort };

export interface TestRedis {
  url: string;
  port: number;
  /** Kills the server outright (SIGKILL), as an outage would. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: no persistence). */
  start(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open, nothing answers. */
  pause(): void;
  /** Unfreezes it (SIGCONT). */
  resume(): void;
}

/**
 * A real redis-server (installed by scripts/ensure-test-deps.sh) on a free loopback port, without
 * persistence, stopped when the test (or file) that started it is over.
 */
export async function startRedis(): Promise<TestRedis> {
  const redis = await launchRedis();
  registerCleanup(() => redis.stop());
  return {
    url: redis.url,
    port: redis.port,
    kill: () => redis.stop('SIGKILL'),
    start: () => redis.start(),
    pause: () => redis.pause(),
    resume: () => redis.resume(),
  };
}

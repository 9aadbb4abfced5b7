import { Redis } from 'ioredis';

/** How long a QUIT may take before the socket is simply dropped. */
const QUIT_TIMEOUT_MS = 2000;
/** Reconnect delays grow by this much per attempt, up to RECONNECT_MAX_MS. */
const RECONNECT_STEP_MS = 100;
const RECONNECT_MAX_MS = 2000;

/** The Redis connections of one queue or bus, ended together. */
export interface RedisConnections {
  open(options: { maxRetriesPerRequest: number | null }): Redis;
  /**
   * From now on a connection that lost Redis ends at its next reconnect attempt instead of waiting for
   * Redis to come back, failing what it holds queued: otherwise a close() during an outage never returns
   * (ioredis keeps commands of a reconnecting client, and disconnect() does not release them).
   */
  stopReconnecting(): void;
  /** Stops reconnecting, then ends every connection opened (QUIT when Redis answers). */
  closeAll(): Promise<void>;
  /**
   * Lets go of connections that lost Redis without failing the commands they hold: those never settle
   * (they would otherwise fail at once, and BullMQ retries a failed write without pause while it closes,
   * starving the event loop). A connection that is reconnecting simply stops; one that answers is ended.
   */
  abandon(): Promise<void>;
}

export function createRedisConnections(url: string, onError: (error: unknown) => void): RedisConnections {
  const opened: Redis[] = [];
  let stopped = false;
  const connections: RedisConnections = {
    open({ maxRetriesPerRequest }) {
      // Duplicates (BullMQ's blocking connection) share these options, this retry strategy included.
      const connection = new Redis(url, {
        maxRetriesPerRequest,
        retryStrategy: (attempt) =>
          stopped ? null : Math.min(attempt * RECONNECT_STEP_MS, RECONNECT_MAX_MS),
      });
      connection.on('error', onError);
      opened.push(connection);
      return connection;
    },
    stopReconnecting() {
      stopped = true;
    },
    async closeAll() {
      connections.stopReconnecting();
      await Promise.all(opened.map(quitRedis));
    },
    async abandon() {
      await Promise.all(
        opened.map(async (connection) => {
          // A connect in progress ends in 'ready' or 'reconnecting' within one reconnect step.
          for (let tries = 0; connection.status === 'connecting' && tries < 50; tries++) {
            await new Promise((resolve) => setTimeout(resolve, RECONNECT_STEP_MS / 2));
          }
          if (connection.status === 'ready') await quitRedis(connection);
          // Reconnecting: clears the reconnect timer and keeps the queued commands pending.
          else connection.disconnect();
        }),
      );
    },
  };
  return connections;
}

/**
 * Ends a connection: QUIT when Redis answers, otherwise the socket is dropped at once (a QUIT queued on a
 * connection that is reconnecting would wait for Redis to come back).
 */
async function quitRedis(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  if (connection.status !== 'ready') {
    connection.disconnect();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, QUIT_TIMEOUT_MS);
  });
  try {
    await Promise.race([connection.quit(), timedOut]);
  } catch {
    // Redis went away meanwhile: nothing is left to release on its side.
  } finally {
    clearTimeout(timer);
    // After a QUIT that timed out the socket is still open; disconnect() is a no-op on an ended one.
    connection.disconnect();
  }
}

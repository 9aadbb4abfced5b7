/**
 * A real redis-server (Debian's package) on a loopback port without persistence, for tests and
 * benchmarks: the shared cache is exercised against the real thing, never a mock.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port.js';

export interface LocalRedis {
  url: string;
  port: number;
  /** Starts (or restarts) the server on the same port; resolves once it answers PING. */
  start(): Promise<void>;
  /** Ends it; SIGKILL is an outage, SIGTERM a clean stop. Safe to call when it is not running. */
  stop(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and nothing answers, as on a hung host. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT). */
  resume(): void;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

export async function launchRedis(): Promise<LocalRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const redis: LocalRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      const started = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--protected-mode',
          'yes',
        ],
        { stdio: 'ignore' },
      );
      child = started;
      const failed = new Promise<never>((_, reject) => {
        started.once('error', (error) => reject(new Error(`redis-server could not start: ${error.message}`)));
      });
      for (let i = 0; i < 200; i++) {
        if (await Promise.race([ping(port), failed])) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await redis.stop();
      throw new Error(`redis-server did not answer on port ${port}`);
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async stop(signal = 'SIGKILL') {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      // A paused server must run again to act on a clean stop.
      running.kill('SIGCONT');
      running.kill(signal);
      const timer = setTimeout(() => running.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
  await redis.start();
  return redis;
}

/**
 * Connection exhaustion. One client opening thousands of idle sockets must shut out only itself: the
 * gateway caps connections per address (beyond loopback by default) and in all, and drops connections
 * that send nothing. The attacker connects from 127.0.0.2, the victim from 127.0.0.1: two addresses
 * on one machine.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { registerCleanup } from '../../support/cleanup.js';
import { startReplica } from '../../support/replica.js';
import { startDefaultGateway } from './support.js';

const TOKEN = 'the-admin-token-of-the-connection-tests';
const replica = await startReplica({ size: 20 });
const EXPOSED = { HOST: '0.0.0.0', ADMIN_TOKEN: TOKEN };

/** This process's open-file limit: the gateway and the attacker share it (two descriptors a socket). */
function openFileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? 1024);
}

interface Flood {
  sockets: Socket[];
  /** Sockets the server has closed so far. */
  closed(): number;
}

/**
 * Opens `count` sockets from 127.0.0.2 that never send a byte, in waves smaller than the kernel's
 * accept queue (511): past it, the handshakes of the rest would stall for seconds in SYN retries.
 */
async function flood(port: number, count: number): Promise<Flood> {
  let closed = 0;
  const sockets: Socket[] = [];
  registerCleanup(() => {
    for (const socket of sockets) socket.destroy();
  });
  for (let wave = 0; wave < count; wave += 200) {
    const connecting: Array<Promise<void>> = [];
    for (let i = wave; i < Math.min(count, wave + 200); i++) {
      const socket = connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
      socket.on('error', () => {});
      socket.once('close', () => {
        closed++;
      });
      sockets.push(socket);
      connecting.push(
        new Promise((resolve) => {
          socket.once('connect', () => resolve());
          socket.once('close', () => resolve());
        }),
      );
    }
    await Promise.all(connecting);
    // Let the gateway accept the wave before the next one fills the queue again.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { sockets, closed: () => closed };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A victim's query from 127.0.0.1 on a fresh connection; the time it took is printed, not asserted. */
async function victimQuery(url: string): Promise<unknown> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: '{"query":"{ neuron(id: 1) { name } }"}',
    signal: AbortSignal.timeout(5000),
  });
  const body = await response.json();
  console.log(`victim answered in ${Math.round(performance.now() - started)} ms`);
  return body;
}

describe('many idle sockets from one client', () => {
  it('by default (beyond loopback) one address holds at most 256; another client is still answered', async () => {
    const count = Math.min(2000, Math.floor((openFileLimit() - 1000) / 2));
    expect(count, 'raise `ulimit -n`: the test needs room for ~600 sockets').toBeGreaterThan(300);
    const gateway = await startDefaultGateway(replica.url, EXPOSED);
    const attack = await flood(gateway.port, count);
    await until(() => attack.closed() >= count - 256, 5000);
    expect(attack.closed()).toBe(count - 256);
    console.log(`attacker opened ${count} sockets, the gateway kept ${count - attack.closed()}`);
    expect(await victimQuery(gateway.url)).toEqual({ data: { neuron: { name: 'cnic_001' } } });
  }, 60_000);

  it('with a small global cap, the per-address cap is what keeps the victim in', async () => {
    const limits = { ...EXPOSED, MAX_CONNECTIONS: '300', MAX_CONNECTIONS_PER_ADDRESS: '100' };
    const gateway = await startDefaultGateway(replica.url, limits);
    const attack = await flood(gateway.port, 600);
    await until(() => attack.closed() >= 500, 5000);
    expect(attack.closed()).toBe(500);
    expect(await victimQuery(gateway.url)).toEqual({ data: { neuron: { name: 'cnic_001' } } });
  }, 60_000);

  it('without the per-address cap the same flood shuts the victim out (what the cap prevents)', async () => {
    const limits = { ...EXPOSED, MAX_CONNECTIONS: '300', MAX_CONNECTIONS_PER_ADDRESS: '0' };
    const gateway = await startDefaultGateway(replica.url, limits);
    const attack = await flood(gateway.port, 600);
    await until(() => attack.closed() >= 300, 5000);
    expect(attack.closed()).toBe(300);
    await expect(victimQuery(gateway.url)).rejects.toThrow();
  }, 60_000);

  it('sockets that send nothing are closed after HEADERS_TIMEOUT_MS', async () => {
    const gateway = await startDefaultGateway(replica.url, {
      ...EXPOSED,
      HEADERS_TIMEOUT_MS: '500',
      REQUEST_TIMEOUT_MS: '1000',
    });
    const attack = await flood(gateway.port, 50);
    await until(() => attack.closed() === 50, 5000);
    expect(attack.closed()).toBe(50);
  }, 30_000);

  it('a body sent too slowly is cut with 408 after REQUEST_TIMEOUT_MS', async () => {
    const gateway = await startDefaultGateway(replica.url, {
      HEADERS_TIMEOUT_MS: '500',
      REQUEST_TIMEOUT_MS: '1000',
    });
    const socket = connect({ host: '127.0.0.1', port: gateway.port });
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += String(chunk);
    });
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${gateway.port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"qu`,
    );
    await new Promise((resolve) => socket.once('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);

  it('has limits and timeouts by default', async () => {
    const gateway = await startDefaultGateway(replica.url);
    expect({
      maxConnections: gateway.app.server.maxConnections,
      headersTimeout: gateway.app.server.headersTimeout,
      requestTimeout: gateway.app.server.requestTimeout,
      keepAliveTimeout: gateway.app.server.keepAliveTimeout,
    }).toEqual({
      maxConnections: 4096,
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      keepAliveTimeout: 5000,
    });
  });
});

describe('clients that go away mid-upload', () => {
  it('are logged at debug, not as errors with a stack trace', async () => {
    const lines: Array<{ level: number; msg: string; err?: unknown }> = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _encoding, callback) {
          for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
          callback();
        },
      }),
    );
    const gateway = await startDefaultGateway(replica.url, { LOG_LEVEL: 'debug' }, { logger });
    for (let i = 0; i < 5; i++) {
      const socket = connect({ host: '127.0.0.1', port: gateway.port });
      socket.on('error', () => {});
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${gateway.port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":"`,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
    }
    await until(() => lines.filter((line) => line.msg === 'client went away mid-request').length === 5, 5000);
    expect(lines.filter((line) => line.msg === 'client went away mid-request')).toHaveLength(5);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});

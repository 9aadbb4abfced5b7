import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { withDeadline } from '../../../src/cache/deadline.js';

/** Blocks the event loop, as a long request or a slow collection does on a saturated gateway. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spinning on purpose
  }
}

/** Answers every chunk with `pong`; prints its port. */
const ECHO_SERVER = `
  const server = require('node:net').createServer((socket) => socket.on('data', () => socket.write('pong')));
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

describe('withDeadline', () => {
  it('rejects with CACHE_TIMEOUT when nothing comes', async () => {
    await expect(withDeadline(new Promise(() => undefined), 20)).rejects.toMatchObject({
      code: 'CACHE_TIMEOUT',
    });
  });

  it('passes on an answer or a failure that comes in time', async () => {
    await expect(withDeadline(Promise.resolve('ok'), 20)).resolves.toBe('ok');
    await expect(withDeadline(Promise.reject(new Error('refused')), 20)).rejects.toThrow('refused');
  });

  it('takes an answer that arrived over the network while the loop was blocked past the deadline', async () => {
    // A real socket to another process: its reply is in this process's kernel buffer when the timer is
    // due (the loop was blocked); a plain timer would win against it.
    const peer = spawn(process.execPath, ['-e', ECHO_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(peer.stdout, 'data')) as [Buffer];
      const client: Socket = connect(Number(String(line).trim()), '127.0.0.1');
      await once(client, 'connect');
      const reply = new Promise<string>((resolve) => client.once('data', (data) => resolve(String(data))));
      client.write('ping');
      const answered = withDeadline(reply, 20);
      busyFor(300);
      await expect(answered).resolves.toBe('pong');
      client.destroy();
    } finally {
      peer.kill();
    }
  });
});

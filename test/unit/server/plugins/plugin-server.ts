import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createServerAdapter, type ServerAdapterPlugin } from '@whatwg-node/server';
import { pino } from 'pino';
import type { Logger } from '../../../../src/logger.js';
import { createNodeListener } from '../../../../src/server/node-listener.js';
import type { GatewayServerContext } from '../../../../src/server/plugins/server-context.js';
import { registerCleanup } from '../../../support/cleanup.js';

export type Handler = (request: Request, context: GatewayServerContext) => Response | Promise<Response>;

/** What a request reached the handler as: its URL, method, body and the server context then. */
export interface Seen {
  url: string;
  method: string;
  body: string;
  context: GatewayServerContext;
}

/** A logger whose JSON lines are kept, to assert on. */
export function recordingLogger(level = 'debug'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level },
    new Writable({
      write(chunk, _encoding, callback) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        callback();
      },
    }),
  );
  return { logger, lines };
}

/**
 * Serves `plugins` over real HTTP on a free loopback port, the way the gateway does (whatwg-node's
 * adapter behind the gateway's node listener). Without a handler, a request that passes every plugin
 * is answered 200 "handled", and what it looked like then is kept in `seen`.
 */
export async function servePlugins(
  plugins: Array<ServerAdapterPlugin<GatewayServerContext>>,
  options: { handler?: Handler; logger?: Logger } = {},
) {
  const seen: Seen[] = [];
  const handler: Handler =
    options.handler ??
    (async (request, context) => {
      seen.push({ url: request.url, method: request.method, body: await request.text(), context });
      return new Response('handled');
    });
  const front = createServerAdapter<GatewayServerContext>(handler, { plugins });
  const server = createServer(createNodeListener(front, options.logger ?? recordingLogger('silent').logger));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registerCleanup(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, port, seen };
}

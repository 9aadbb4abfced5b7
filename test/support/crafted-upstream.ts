import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerCleanup } from './cleanup.js';

/**
 * A small NeuroMorpho stand-in over real HTTP that answers with records a test crafts (hostile names,
 * formats, nesting), for the disk's own defences to be tested end to end through the gateway. The
 * replica serves real-looking data only; this serves exactly what the test says. It answers the
 * neuron and morphometry endpoints the gateway calls (by id and the batched select) and every file path
 * under /dableFiles with `fileBody(path)`.
 */
export interface CraftedUpstream {
  url: string;
  /** Paths requested so far, in order (percent-encoded as received). */
  requests: string[];
  fileRequests(): number;
}

export interface CraftedUpstreamOptions {
  /** Bytes of the file at a /dableFiles path. @default the path's own text */
  fileBody?: (path: string) => Buffer;
}

type Payload = Record<string, unknown>;

/** A record given as JSON text, for shapes JSON.stringify cannot produce (nesting beyond its stack). */
export interface RawRecord {
  neuronId: number;
  json: string;
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  sendText(response, status, JSON.stringify(body));
}

function sendText(response: ServerResponse, status: number, text: string) {
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

function idsOf(query: string | null): number[] {
  const match = /^neuron_id:([\d,]+)$/.exec(query ?? '');
  return match ? (match[1] as string).split(',').map(Number) : [];
}

function page(key: string, items: readonly string[]): string {
  const info = { size: items.length, totalElements: items.length, totalPages: 1, number: 0 };
  return `{"_embedded":{"${key}":[${items.join(',')}]},"page":${JSON.stringify(info)}}`;
}

function isRaw(record: Payload | RawRecord): record is RawRecord {
  return typeof (record as RawRecord).json === 'string';
}

export async function startCraftedUpstream(
  records: readonly (Payload | RawRecord)[],
  options: CraftedUpstreamOptions = {},
): Promise<CraftedUpstream> {
  const byId = new Map(
    records.map((record) =>
      isRaw(record) ? [record.neuronId, record.json] : [Number(record.neuron_id), JSON.stringify(record)],
    ),
  );
  const requests: string[] = [];
  const fileBody = options.fileBody ?? ((path: string) => Buffer.from(`${path}\n`));
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://crafted');
    requests.push(url.pathname);
    const path = url.pathname;
    if (path.startsWith('/dableFiles/')) {
      const body = fileBody(path);
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(body.length) });
      response.end(body);
      return;
    }
    if (path === '/api/neuron/select') {
      const found = idsOf(url.searchParams.get('q')).flatMap((id) => byId.get(id) ?? []);
      sendText(response, 200, page('neuronResources', found));
      return;
    }
    if (path === '/api/morphometry/select') {
      const found = idsOf(url.searchParams.get('q')).filter((id) => byId.has(id));
      sendText(
        response,
        200,
        page(
          'measurements',
          found.map((id) => JSON.stringify({ neuron_id: id })),
        ),
      );
      return;
    }
    const byIdPath = /^\/api\/(neuron|morphometry)\/id\/(\d+)$/.exec(path);
    if (byIdPath) {
      const id = Number(byIdPath[2]);
      const record = byId.get(id);
      if (record === undefined) sendJson(response, 404, { status: 404, error: 'Not Found' });
      else if (byIdPath[1] === 'neuron') sendText(response, 200, record);
      else sendJson(response, 200, { neuron_id: id });
      return;
    }
    if (path === '/api/health') {
      sendJson(response, 200, { status: 'UP' });
      return;
    }
    sendJson(response, 404, { status: 404, error: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registerCleanup(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    fileRequests: () => requests.filter((path) => path.startsWith('/dableFiles/')).length,
  };
}

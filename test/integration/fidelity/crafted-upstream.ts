import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerCleanup } from '../../support/cleanup.js';

/**
 * A NeuroMorpho stand-in over real HTTP that serves records given as JSON text, so a test can send what
 * the replica never does (counts of 3e9, ids past 2**31, `6.0` forms, null list elements) exactly as
 * written. Records are answered by `/api/neuron/id/{id}`, `/api/morphometry/id/{id}` and the select
 * endpoints (`q=neuron_id:1,2` picks by id; any other `q` pages through every neuron record); measurements
 * are given per neuron id, since a crafted one may lack its own. Every `/dableFiles/...` path answers
 * `FILE_BYTES`.
 */
export interface CraftedUpstream {
  url: string;
  /** Paths (with query) asked for, in order. */
  requests: string[];
}

export const FILE_BYTES = 'crafted file\n';

interface Record {
  text: string;
  /** neuron_id as JSON.parse reads it (the number, or whatever was sent). */
  id: unknown;
}

function records(texts: readonly string[]): Record[] {
  return texts.map((text) => ({ text, id: (JSON.parse(text) as { neuron_id?: unknown }).neuron_id }));
}

function keyedRecords(byId: Readonly<{ [id: number]: string }>): Record[] {
  return Object.entries(byId).map(([id, text]) => ({ text, id: Number(id) }));
}

/** One page of `all`, as Spring pages it: `page` and `size` from the query (an id select is one page). */
function page(key: string, all: readonly Record[], query?: URLSearchParams, pageText?: string): string {
  const size = query ? Number(query.get('size') ?? 20) : Math.max(1, all.length);
  const number = query ? Number(query.get('page') ?? 0) : 0;
  const items = all.slice(number * size, (number + 1) * size);
  const totalPages = Math.ceil(all.length / size);
  const info = `"page":${pageText ?? `{"size":${size},"totalElements":${all.length},"totalPages":${totalPages},"number":${number}}`}`;
  if (items.length === 0) return `{${info}}`;
  return `{"_embedded":{"${key}":[${items.map((item) => item.text).join(',')}]},${info}}`;
}

function idsOf(q: string | null): number[] | null {
  const match = q === null ? null : /^neuron_id:([\d,]+)$/i.exec(q);
  return match ? (match[1] as string).split(',').map(Number) : null;
}

export async function startCraftedUpstream(options: {
  neurons: readonly string[];
  /** Morphometry texts by the neuron id they answer for. */
  measurements?: Readonly<{ [id: number]: string }>;
  /** The `page` object of search answers, as text, in place of the one computed (totals of 3e9, say). */
  searchPage?: string;
  /** The body of `/api/neuron/partition/{field}` (`/api/neuron/fields` then lists `species`). */
  partition?: string;
}): Promise<CraftedUpstream> {
  const neurons = records(options.neurons);
  const measurements = keyedRecords(options.measurements ?? {});
  const requests: string[] = [];
  const json = (response: ServerResponse, status: number, body: string) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(body);

  function answer(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://crafted');
    requests.push(`${url.pathname}${url.search}`);
    if (url.pathname.startsWith('/dableFiles/')) {
      response.writeHead(200, { 'content-length': String(Buffer.byteLength(FILE_BYTES)) }).end(FILE_BYTES);
      return;
    }
    const byId = /^\/api\/(neuron|morphometry)\/id\/(\d+)$/.exec(url.pathname);
    if (byId) {
      const pool = byId[1] === 'neuron' ? neurons : measurements;
      const found = pool.find((item) => item.id === Number(byId[2]));
      if (found) json(response, 200, found.text);
      else json(response, 404, '{"status":404,"error":"Not Found","message":"not found"}');
      return;
    }
    if (url.pathname === '/api/neuron/fields') {
      json(response, 200, '{"Neuron Fields": ["species"]}');
      return;
    }
    if (url.pathname.startsWith('/api/neuron/partition/') && options.partition !== undefined) {
      json(response, 200, options.partition);
      return;
    }
    const ids = idsOf(url.searchParams.get('q'));
    if (url.pathname === '/api/neuron/select' || url.pathname === '/api/neuron') {
      if (ids === null)
        json(response, 200, page('neuronResources', neurons, url.searchParams, options.searchPage));
      else
        json(
          response,
          200,
          page(
            'neuronResources',
            neurons.filter((item) => ids.includes(item.id as number)),
          ),
        );
      return;
    }
    if (url.pathname === '/api/morphometry/select') {
      const items =
        ids === null ? measurements : measurements.filter((item) => ids.includes(item.id as number));
      json(response, 200, page('measurements', items));
      return;
    }
    json(response, 404, '{"status":404,"error":"Not Found","message":"no such route"}');
  }

  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registerCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

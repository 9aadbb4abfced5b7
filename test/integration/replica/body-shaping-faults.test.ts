import { request } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { fetchText, startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 10 });

beforeEach(() => replica.faults.clear());

/** Headers, body and the number of pieces the body arrived in, read with node:http. */
function rawGet(path: string): Promise<{ headers: Record<string, unknown>; body: string; pieces: number }> {
  return new Promise((resolve, reject) => {
    const req = request(`${replica.url}${path}`, (res) => {
      let body = '';
      let pieces = 0;
      res.on('data', (chunk: Buffer) => {
        pieces++;
        body += chunk.toString();
      });
      res.on('end', () => resolve({ headers: res.headers, body, pieces }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('body-shaping faults', () => {
  it('padBytes appends spaces, announced in Content-Length: the JSON still parses', async () => {
    const plain = await fetchText(replica, '/api/health');
    replica.faults.add({ route: '/api/health', padBytes: 100_000, times: 1 });
    const { status, headers, text } = await fetchText(replica, '/api/health');
    expect(status).toBe(200);
    expect(Number(headers.get('content-length'))).toBe(plain.text.length + 100_000);
    expect(text.length).toBe(plain.text.length + 100_000);
    expect(JSON.parse(text)).toEqual(JSON.parse(plain.text));
  });

  it('chunked leaves out Content-Length and sends the body whole', async () => {
    replica.faults.add({ route: '/api/neuron/id/1', chunked: true, times: 1 });
    const { headers, body } = await rawGet('/api/neuron/id/1');
    expect(headers['content-length']).toBeUndefined();
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(JSON.parse(body).neuron_name).toBe('cnic_001');
  });

  it('trickleMs sends the body one byte at a time', async () => {
    replica.faults.add({ route: '/api/health', trickleMs: 20, times: 1 });
    const { body, pieces } = await rawGet('/api/health');
    expect(body).toBe('{"status":"UP"}');
    // One write per byte; the network may still merge a few of them.
    expect(pieces).toBeGreaterThan(body.length / 2);
  });
});

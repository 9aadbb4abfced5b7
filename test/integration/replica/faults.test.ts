import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createReplica } from '../../../src/replica/replica.js';
import { fetchText, startReplica } from '../../support/replica.js';

const replica = await startReplica({
  size: 200,
  faults: [{ route: '/api/neuron/fields', status: 500, times: 1 }],
});

afterEach(() => replica.faults.clear());

/** A raw GET that reports what arrived, including a socket error, without throwing. */
function rawGet(
  path: string,
): Promise<{ status?: number; length?: number; received: number; error?: string }> {
  return new Promise((resolve) => {
    const req = request(`${replica.url}${path}`, { agent: false }, (res) => {
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode, length: Number(res.headers['content-length']), received }),
      );
      res.on('error', (error) =>
        resolve({
          status: res.statusCode,
          length: Number(res.headers['content-length']),
          received,
          error: error.message,
        }),
      );
    });
    req.on('error', (error) => resolve({ received: 0, error: error.message }));
    req.end();
  });
}

describe('faults', () => {
  it('applies initial faults from the options', async () => {
    expect((await fetchText(replica, '/api/neuron/fields')).status).toBe(500);
    expect((await fetchText(replica, '/api/neuron/fields')).status).toBe(200);
  });

  it('answers a status with the Spring error body and Retry-After', async () => {
    replica.faults.add({ route: '/api/neuron/select', status: 429, retryAfter: '1' });
    const { status, headers, text } = await fetchText(replica, '/api/neuron/select?q=species:cat');
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('1');
    expect(JSON.parse(text)).toEqual({
      status: 429,
      error: 'Too Many Requests',
      message: 'Fault injected by the offline replica',
      path: '/api/neuron/select',
    });
    expect((await fetchText(replica, '/api/neuron/id/1')).status).toBe(200);
  });

  it('applies to the next N requests only: 503, 503, then 200', async () => {
    replica.faults.add({ route: '/api/neuron/id', status: 503, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetchText(replica, '/api/neuron/id/1')).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(replica.faults.list()).toEqual([]);
  });

  it('delays an answer that still arrives complete', async () => {
    replica.faults.add({ route: '/api/health', latencyMs: 50 });
    const { status, text } = await fetchText(replica, '/api/health');
    expect(status).toBe(200);
    expect(text).toBe('{"status":"UP"}');
  });

  it('resets the socket without an answer', async () => {
    replica.faults.add({ route: '/api/health', reset: true, times: 1 });
    const result = await rawGet('/api/health');
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/socket hang up|ECONNRESET/);
    await expect(fetch(`${replica.url}/api/health`)).resolves.toMatchObject({ status: 200 });
    expect(replica.log.at(-2)?.status).toBe(0);
  });

  it('truncates: headers with the full Content-Length, then half the body, then a closed socket', async () => {
    replica.faults.add({ route: '/dableFiles', truncate: true, times: 1 });
    const result = await rawGet('/dableFiles/burke/CNG%20version/v_e_moto1.CNG.swc');
    expect(result.status).toBe(200);
    expect(result.length).toBe(17351);
    expect(result.received).toBe(Math.floor(17351 / 2));
    expect(result.error).toMatch(/aborted|ECONNRESET/);
    await expect(fetch(`${replica.url}/api/neuron/id/1`).then((r) => r.text())).resolves.toContain(
      'cnic_001',
    );
  });

  it('truncated JSON fails the client parse', async () => {
    replica.faults.add({ route: '/api/neuron/id', truncate: true, times: 1 });
    await expect(fetch(`${replica.url}/api/neuron/id/1`).then((r) => r.json())).rejects.toThrow();
  });

  it('answers 200 with an empty body', async () => {
    replica.faults.add({ route: '/api/morphometry', emptyBody: true, times: 1 });
    const { status, text, headers } = await fetchText(replica, '/api/morphometry/id/1');
    expect(status).toBe(200);
    expect(text).toBe('');
    expect(headers.get('content-length')).toBe('0');
  });

  it('applies a probability with the seeded PRNG: repeatable across replicas with the same seed', async () => {
    const run = async (): Promise<number[]> => {
      const faults = [{ route: '/api/health', status: 503, probability: 0.5 }];
      const other = await createReplica({ size: 0, seed: 5, faults });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 30; i++) statuses.push((await fetchText(other, '/api/health')).status);
        return statuses;
      } finally {
        await other.close();
      }
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(3);
  });

  it('rejects invalid rules', () => {
    expect(() => replica.faults.add({ status: 42 })).toThrow(TypeError);
    expect(() => replica.faults.add({ probability: 2 })).toThrow(/probability/);
  });
});

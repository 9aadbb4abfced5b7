import { beforeEach, describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

const MiB = 1024 * 1024;
const LIMIT = MiB;
const replica = await startReplica({ size: 50 });
const gateway = await startGateway(replica.url, {
  UPSTREAM_MAX_JSON_BYTES: String(LIMIT),
  UPSTREAM_RETRIES: '3',
});
const requestsTo = (path: string) => replica.count({ pathPrefix: path });
const run = <T>(query: string) => gateway.execute<T, Record<string, never>>(query);

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

describe('JSON answers over UPSTREAM_MAX_JSON_BYTES', () => {
  it('an announced oversized body is refused with UPSTREAM_TOO_LARGE and never retried', async () => {
    replica.faults.add({ route: '/api/neuron/name/', padBytes: 2 * MiB });
    const { data, errors } = await run<{ neuronByName: { name: string } | null }>(
      '{ neuronByName(name: "cnic_001") { name } }',
    );
    expect(data?.neuronByName ?? null).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_TOO_LARGE',
      limitBytes: LIMIT,
      url: `${replica.url}/api/neuron/name/cnic_001`,
    });
    expect(JSON.stringify(errors)).not.toMatch(/\n\s+at /);
    expect(requestsTo('/api/neuron/name/')).toBe(1);
  });

  it('an endless body of unannounced size is cut off once past the limit, not read to its end', async () => {
    // 10 GB with no Content-Length: read whole it would take the process down (or the test timeout).
    replica.faults.add({ route: '/api/neuron/select', padBytes: 10 * 1024 * MiB, chunked: true });
    const { errors } = await run('{ search(q: "species:rat", size: 5) { items { neuronId } } }');
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TOO_LARGE', limitBytes: LIMIT });
    expect(requestsTo('/api/neuron/select')).toBe(1);
  });

  it('a body under the limit, announced or not, is answered as usual', async () => {
    replica.faults.add({ route: '/api/neuron/select', padBytes: LIMIT / 2, chunked: true, times: 1 });
    replica.faults.add({ route: '/api/neuron/name/', padBytes: LIMIT / 2, times: 1 });
    const { data, errors } = await run(
      '{ neuron(id: 1) { name } neuronByName(name: "cnic_013") { neuronId } }',
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ neuron: { name: 'cnic_001' }, neuronByName: { neuronId: 37 } });
    expect(replica.faults.list()).toEqual([]);
  });

  it('an oversized batch fails its ids without falling back to one request per id', async () => {
    replica.faults.add({ route: '/api/morphometry/select', padBytes: 2 * MiB });
    const { data, errors } = await run<{ neurons: Array<{ neuronId: number }> }>(
      '{ neurons(ids: [1, 37, 38, 39]) { neuronId measurement { nStems } } }',
    );
    expect(data?.neurons.map((neuron) => neuron.neuronId)).toEqual([1, 37, 38, 39]);
    expect(errors?.length).toBeGreaterThan(0);
    expect(errors?.every((error) => error.extensions?.code === 'UPSTREAM_TOO_LARGE')).toBe(true);
    expect(requestsTo('/api/morphometry/select')).toBe(1);
    expect(requestsTo('/api/morphometry/id')).toBe(0);
  });
});

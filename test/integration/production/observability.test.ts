import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { startGateway } from '../../support/gateway.js';
import { startRedis } from '../../support/redis.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 100 });
const logLines: Array<Record<string, unknown>> = [];
// The gateway's own logger, redaction included, writing to lines this file reads.
const logger = createLogger({
  level: 'info',
  destination: { write: (line: string) => void logLines.push(JSON.parse(line)) },
});
const gateway = await startGateway(
  replica.url,
  { CACHE_DIR: await tempDir(), CACHE_STORE: 'memory', LOG_LEVEL: 'info' },
  { logger },
);

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

describe('request ids', () => {
  it('are returned to the client, logged, and sent upstream', async () => {
    const response = await gateway.post({ query: '{ neuron(id: 37) { name measurement { nStems } } }' });
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await response.json();
    const upstream = replica.log.filter((entry) => entry.path.startsWith('/api'));
    expect(upstream.length).toBe(2);
    for (const entry of upstream) expect(entry.headers['x-request-id']).toBe(requestId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logLines.some((line) => line.requestId === requestId && line.path === '/graphql')).toBe(true);
  });

  it('keep a well-formed id the client sent, and replace a malformed one', async () => {
    const kept = await gateway.post({ query: '{ neuronFields }' }, { 'x-request-id': 'lab-script-42' });
    expect(kept.headers.get('x-request-id')).toBe('lab-script-42');
    const replaced = await gateway.post(
      { query: '{ neuronFields }' },
      { 'x-request-id': 'bad id\twith spaces' },
    );
    expect(replaced.headers.get('x-request-id')).not.toContain(' ');
  });

  it('never log tokens', async () => {
    const ADMIN_TOKEN = 'secret-token-value-123456';
    const guarded = await startGateway(replica.url, { ADMIN_TOKEN, LOG_LEVEL: 'info' }, { logger });
    const authorization = `Bearer ${ADMIN_TOKEN}`;
    await guarded.post({ query: '{ neuronFields }' }, { authorization });
    await guarded.post({ query: 'mutation { clearCache }' }, { authorization });
    await guarded.post(
      { query: 'mutation { clearCache }' },
      { authorization: 'Bearer a-wrong-token-of-some-length' },
    );
    // What carries a token where the gateway could log it: its configuration, and a request's headers.
    const headers = Object.fromEntries(
      new Request(guarded.graphqlUrl, { headers: { authorization } }).headers,
    );
    guarded.app.logger.info({ config: guarded.config }, 'configuration');
    guarded.app.logger.info({ adminToken: ADMIN_TOKEN, authorization }, 'credentials');
    guarded.app.logger.info({ headers }, 'headers');
    guarded.app.logger.info({ req: { headers } }, 'request');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const logged = JSON.stringify(logLines);
    expect(logged).toContain('/graphql');
    expect(logged).toContain('[redacted]');
    expect(logged).not.toContain(ADMIN_TOKEN);
    expect(logged).not.toContain('a-wrong-token-of-some-length');
  });
});

describe('/metrics', () => {
  it('reports operations, upstream requests, cache, loader batches, downloads and rate limits after traffic', async () => {
    await gateway.post({
      query: 'query Page { search(q: "species:rat", size: 5) { items { name measurement { length } } } }',
    });
    await gateway.post({
      query: 'query Page { search(q: "species:rat", size: 5) { items { name measurement { length } } } }',
    });
    await gateway.post({ query: 'mutation Fetch { downloadNeuron(id: 1, mode: STANDARD) { folder } }' });
    replica.faults.add({ route: '/api/neuron/id/', status: 503, times: 1 });
    await gateway.post({ query: '{ neuronByName(name: "nothing-like-this") { name } }' });
    const response = await fetch(`${gateway.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/nmg_graphql_operations_total\{operation="Page",type="query",outcome="ok"\} 2/);
    expect(text).toMatch(
      /nmg_graphql_operation_duration_seconds_bucket\{le="[^"]+",operation="Page",type="query"\}/,
    );
    expect(text).toMatch(
      /nmg_upstream_requests_total\{endpoint="\/api\/neuron\/select",result="200"\} [1-9]/,
    );
    expect(text).toMatch(/nmg_upstream_requests_total\{endpoint="\/dableFiles",result="200"\} 1/);
    expect(text).toMatch(/nmg_cache_events_total\{event="hit"\} [1-9]/);
    expect(text).toMatch(/nmg_cache_events_total\{event="miss"\} [1-9]/);
    expect(text).toMatch(/nmg_dataloader_batch_size_count\{loader="measurement"\} [1-9]/);
    expect(text).toMatch(/nmg_downloads_total\{outcome="ok"\} 1/);
    expect(text).toMatch(/nmg_download_bytes_total [1-9]/);
    expect(text).toMatch(/nmg_upstream_in_flight\{state="active"\} 0/);
    expect(text).toMatch(/nmg_rate_limited_total 0/);
    expect(text).toMatch(/nmg_http_requests_total\{route="graphql",status="200"\} [1-9]/);
  });
});

describe('health and readiness', () => {
  it('/healthz answers while the process is alive, /readyz says whether it can serve', async () => {
    const fresh = await startGateway(replica.url, { CACHE_STORE: 'memory' });
    expect((await fetch(`${fresh.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${fresh.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, upstream: 'up', cache: 'cold' });
  });

  it('not ready while NeuroMorpho is down and the cache is cold; ready again once the cache is warm', async () => {
    const fresh = await startGateway(replica.url, { CACHE_STORE: 'memory' });
    replica.faults.add({ route: '/api/health', status: 503 });
    const down = await fetch(`${fresh.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ready: false, upstream: 'down', cache: 'cold' });
    replica.faults.clear();
    await fresh.post({ query: '{ neuron(id: 1) { name } }' });
    replica.faults.add({ route: '/api/health', status: 503 });
    const warm = await (await fetch(`${fresh.url}/readyz`)).json();
    expect(warm).toMatchObject({ cache: 'warm', ready: true });
  });

  it('not ready while the configured Redis is down, when readiness requires the cache', async () => {
    const redis = await startRedis();
    const withRedis = await startGateway(replica.url, {
      CACHE_STORE: redis.url,
      READY_REQUIRES_CACHE: 'true',
    });
    for (let i = 0; i < 50 && (await fetch(`${withRedis.url}/readyz`)).status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await (await fetch(`${withRedis.url}/readyz`)).json()).toMatchObject({ ready: true, redis: 'up' });
    await redis.kill();
    const response = await fetch(`${withRedis.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ready: false, redis: 'down' });
  });
});

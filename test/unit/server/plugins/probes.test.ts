import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../../src/server/metrics.js';
import { useHealth } from '../../../../src/server/plugins/use-health.js';
import { useMetricsEndpoint } from '../../../../src/server/plugins/use-metrics-endpoint.js';
import { useReadiness } from '../../../../src/server/plugins/use-readiness.js';
import type { ReadinessReport } from '../../../../src/server/readiness.js';
import { servePlugins } from './plugin-server.js';

describe('useHealth', () => {
  it('answers /healthz itself and lets every other path through', async () => {
    const { url, seen } = await servePlugins([useHealth()]);
    const answer = await fetch(`${url}/healthz`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: 'ok' });
    await (await fetch(`${url}/healthz/more`)).text();
    expect(seen.map((entry) => new URL(entry.url).pathname)).toEqual(['/healthz/more']);
  });
});

describe('useReadiness', () => {
  it('answers 200 with the report when ready and 503 with it when not', async () => {
    let report: ReadinessReport = { ready: true, upstream: 'up', cache: 'cold' };
    const { url } = await servePlugins([useReadiness(async () => report)]);
    const ready = await fetch(`${url}/readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: report });
    report = { ready: false, upstream: 'down', cache: 'cold' };
    const notReady = await fetch(`${url}/readyz`);
    expect({ status: notReady.status, body: await notReady.json() }).toEqual({ status: 503, body: report });
  });
});

describe('useMetricsEndpoint', () => {
  it('serves the registry as Prometheus text', async () => {
    const metrics = createMetrics();
    metrics.rateLimited.inc();
    const { url } = await servePlugins([useMetricsEndpoint(metrics.registry)]);
    const answer = await fetch(`${url}/metrics`);
    expect(answer.headers.get('content-type')).toBe(metrics.registry.contentType);
    expect(await answer.text()).toMatch(/^nmg_rate_limited_total 1$/m);
  });
});

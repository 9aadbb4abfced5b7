import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../../src/server/metrics.js';
import { routeOf, useAccessLog } from '../../../../src/server/plugins/use-access-log.js';
import { useHealth } from '../../../../src/server/plugins/use-health.js';
import { useRequestId } from '../../../../src/server/plugins/use-request-id.js';
import { recordingLogger, servePlugins } from './plugin-server.js';

async function until(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('routeOf', () => {
  it('labels a handful of routes, whatever paths clients make up', () => {
    const paths = ['/graphql', '/files/1/a.swc', '/graphiql/assets/graphiql.abc.js', '/healthz', '/metrics'];
    expect(paths.map(routeOf)).toEqual(['graphql', 'files', 'graphiql', 'healthz', 'metrics']);
    expect(['/graphql/', '/anything-a-client-makes-up', '/metrics/x'].map(routeOf)).toEqual([
      'other',
      'other',
      'other',
    ]);
  });
});

describe('useAccessLog', () => {
  it('logs one line per request with id, method, path, status and time, and counts it by route', async () => {
    const { logger, lines } = recordingLogger('info');
    const metrics = createMetrics();
    const { url } = await servePlugins([useRequestId(), useAccessLog(logger, metrics)]);
    await (await fetch(`${url}/graphql?query=x`, { headers: { 'x-request-id': 'line-1' } })).text();
    await until(() => lines.length === 1);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request',
        requestId: 'line-1',
        method: 'GET',
        path: '/graphql',
        status: 200,
      }),
    ]);
    expect(lines[0]?.ms).toEqual(expect.any(Number));
    expect(await metrics.registry.metrics()).toMatch(
      /nmg_http_requests_total\{route="graphql",status="200"\} 1/,
    );
  });

  it('counts probes without logging them, and builds no line above info', async () => {
    const quiet = recordingLogger('warn');
    const metrics = createMetrics();
    const { url } = await servePlugins([useAccessLog(quiet.logger, metrics), useHealth()]);
    await (await fetch(`${url}/healthz`)).text();
    await (await fetch(`${url}/graphql`)).text();
    const counted = /nmg_http_requests_total\{route="graphql",status="200"\} 1/;
    for (let i = 0; i < 100 && !counted.test(await metrics.registry.metrics()); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/nmg_http_requests_total\{route="healthz",status="200"\} 1/);
    expect(text).toMatch(counted);
    expect(quiet.lines).toEqual([]);
  });
});

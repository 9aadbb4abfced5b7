import { describe, expect, it } from 'vitest';
import { MAX_OPERATION_LABEL_LENGTH, MAX_OPERATION_LABELS } from '../../../src/server/metrics.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

/**
 * Operation names are chosen by clients; as label values each one is a time series kept for the life
 * of the process. Thousands of unique long names must neither grow /metrics without bound nor break it.
 */
const replica = await startReplica({ size: 20 });
const gateway = await startGateway(replica.url);

/** The `operation` label values of nmg_graphql_operations_total, with their counts. */
function operationSeries(metrics: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const match of metrics.matchAll(
    /^nmg_graphql_operations_total\{operation="([^"]*)"[^}]*\} (\d+)$/gm,
  )) {
    const [, operation = '', count = '0'] = match;
    series.set(operation, (series.get(operation) ?? 0) + Number(count));
  }
  return series;
}

describe('operation names as metric labels', () => {
  it('600 unique 2 KB operation names leave a bounded set of short labels, the rest counted as other', async () => {
    expect((await gateway.post({ query: 'query Ordinary { __typename }' })).status).toBe(200);
    const names = Array.from({ length: 600 }, (_, i) => `Attack${i}_${'x'.repeat(2000)}`);
    for (let start = 0; start < names.length; start += 10) {
      const batch = names.slice(start, start + 10).map((name) => ({ query: `query ${name} { __typename }` }));
      expect((await gateway.post(batch)).status).toBe(200);
    }
    expect((await gateway.post({ query: 'query Ordinary { __typename }' })).status).toBe(200);

    const response = await fetch(`${gateway.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const series = operationSeries(text);
    expect(series.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 2);
    for (const label of series.keys()) expect(label.length).toBeLessThanOrEqual(MAX_OPERATION_LABEL_LENGTH);
    expect(series.get('Ordinary')).toBe(2);
    expect(series.get('other')).toBe(600 - (MAX_OPERATION_LABELS - 1));
    // Every executed operation is still counted, under its own label or as other.
    expect([...series.values()].reduce((sum, count) => sum + count, 0)).toBe(602);
    console.info(
      `/metrics after 600 unique operation names: ${text.length} bytes, ${series.size} operation labels`,
    );
    expect(text).not.toContain('x'.repeat(MAX_OPERATION_LABEL_LENGTH));
  }, 60_000);
});

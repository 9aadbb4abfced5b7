import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { startGateway } from '../../support/gateway.js';
import { startCraftedUpstream } from './crafted-upstream.js';

// Totals and partition counts of 3e9: fields the schema promises as non-null Ints.
const crafted = await startCraftedUpstream({
  neurons: ['{"neuron_id": 5, "neuron_name": "n5", "archive": "Lab"}'],
  searchPage: '{"size": 20, "totalElements": 3000000000, "totalPages": 3e9, "number": 0}',
  partition: '{"field_name": "species", "fields": {"rat": 3000000000, "mouse": 7}}',
});
const logLines: string[] = [];
const logger = createLogger({ level: 'warn', destination: { write: (line: string) => logLines.push(line) } });
const gateway = await startGateway(crafted.url, {}, { logger });
const rangeWarnings = () =>
  logLines
    .map((line) => JSON.parse(line) as { payloadIssue?: { code: string; field: string } })
    .filter((entry) => entry.payloadIssue?.code === 'COUNT_OUT_OF_RANGE')
    .map((entry) => entry.payloadIssue?.field);

describe('totals and counts of 3e9 from upstream', () => {
  it('a search answers with the largest Int and a warning, never INTERNAL_SERVER_ERROR', async () => {
    const { data, errors } = await gateway.execute<
      { search: { totalElements: number; totalPages: number; items: unknown[] } },
      object
    >('{ search(q: "archive:Lab") { totalElements totalPages items { neuronId } } }');
    expect(errors).toBeUndefined();
    expect(data?.search).toEqual({
      totalElements: 2_147_483_647,
      totalPages: 2_147_483_647,
      items: [{ neuronId: 5 }],
    });
    expect(rangeWarnings()).toEqual(expect.arrayContaining(['page.totalElements', 'page.totalPages']));
  });

  it('searchConnection counts the same way', async () => {
    const { data, errors } = await gateway.execute<{ searchConnection: { totalCount: number } }, object>(
      '{ searchConnection(q: "archive:Lab", first: 5) { totalCount } }',
    );
    expect(errors).toBeUndefined();
    expect(data?.searchConnection.totalCount).toBe(2_147_483_647);
  });

  it('fieldCounts answers a partition count of 3e9 as the largest Int', async () => {
    const { data, errors } = await gateway.execute<
      { fieldCounts: Array<{ value: string; count: number }> },
      object
    >('{ fieldCounts(field: "species") { value count } }');
    expect(errors).toBeUndefined();
    expect(data?.fieldCounts).toEqual([
      { value: 'rat', count: 2_147_483_647 },
      { value: 'mouse', count: 7 },
    ]);
    expect(rangeWarnings()).toContain('fields.rat');
  });
});

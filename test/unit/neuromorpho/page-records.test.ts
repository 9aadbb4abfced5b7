import { describe, expect, it } from 'vitest';
import {
  toMeasurementPageRecords,
  toNeuronPageRecords,
  toPageCount,
} from '../../../src/neuromorpho/page-records.js';
import type { PayloadIssue } from '../../../src/neuromorpho/payload-issues.js';

function collect() {
  const issues: PayloadIssue[] = [];
  return { issues, report: (issue: PayloadIssue) => void issues.push(issue) };
}

describe('toNeuronPageRecords', () => {
  it('leaves out each record that cannot be served, reports it, and keeps the rest in order', () => {
    const { issues, report } = collect();
    const records = toNeuronPageRecords(
      [
        { neuron_id: 5, neuron_name: 'a' },
        { neuron_id: 3e9, neuron_name: 'b' },
        { neuron_id: 0, neuron_name: 'c' },
        { neuron_id: 'x', neuron_name: 'd' },
        { neuron_id: 6 },
        'not a record',
        { neuron_id: 2 ** 31 - 1, neuron_name: 'e' },
      ],
      report,
    );
    expect(records.map((record) => record.neuronId)).toEqual([5, 2 ** 31 - 1]);
    expect(issues.map((issue) => [issue.code, issue.neuronId])).toEqual([
      ['RECORD_DROPPED', 3e9],
      ['RECORD_DROPPED', 0],
      ['RECORD_DROPPED', null],
      ['RECORD_DROPPED', 6],
      ['RECORD_DROPPED', null],
    ]);
    expect(issues[0]?.message).toContain('3000000000');
  });
});

describe('toMeasurementPageRecords', () => {
  it('leaves out a record without its own id (a batch has no single id to fall back on)', () => {
    const { issues, report } = collect();
    const records = toMeasurementPageRecords([{ neuron_id: 1, n_stems: 3e9 }, { n_stems: 2 }], report);
    expect(records.map((record) => [record.neuronId, record.nStems])).toEqual([[1, null]]);
    expect(issues.map((issue) => issue.code)).toEqual(['COUNT_OUT_OF_RANGE', 'RECORD_DROPPED']);
  });
});

describe('toPageCount', () => {
  it.each([
    [0, 0, false],
    [20, 20, false],
    [2 ** 31 - 1, 2 ** 31 - 1, false],
    [3e9, 2 ** 31 - 1, true],
    [-5, 0, true],
    [2.5, 2, true],
    [Number.NaN, 0, true],
  ])('%d -> %d (reported: %s)', (value, count, reported) => {
    const { issues, report } = collect();
    expect(toPageCount(value, 'page.totalElements', report)).toBe(count);
    expect(issues.length > 0).toBe(reported);
    if (reported)
      expect(issues[0]).toMatchObject({ code: 'COUNT_OUT_OF_RANGE', field: 'page.totalElements' });
  });
});

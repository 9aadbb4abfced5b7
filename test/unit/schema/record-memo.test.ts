import { describe, expect, it } from 'vitest';
import { filePlan } from '../../../src/neuromorpho/file-plan.js';
import { neuronUrls } from '../../../src/neuromorpho/file-urls.js';
import { toNeuron } from '../../../src/neuromorpho/neuron.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';
import { filePlanOf } from '../../../src/schema/file-plan.js';
import { neuronUrlsOf } from '../../../src/schema/neuron-urls.js';
import { createRecordMemo } from '../../../src/schema/record-memo.js';

const site = createSiteUrls('https://neuromorpho.org');
const replica = createSiteUrls('http://127.0.0.1:9999');
const record = () =>
  toNeuron({ neuron_id: 7, neuron_name: 'cell 7', archive: 'Smith', original_format: 'Neurolucida.asc' });

describe('per-record memo', () => {
  it('computes once per record object and scope, and again for another object or scope', () => {
    let calls = 0;
    const lengthOf = createRecordMemo((text: { value: string }, scope: { factor: number }) => {
      calls++;
      return text.value.length * scope.factor;
    });
    const a = { value: 'abc' };
    const once = { factor: 1 };
    expect([lengthOf(a, once), lengthOf(a, once)]).toEqual([3, 3]);
    expect(calls).toBe(1);
    expect(lengthOf(a, { factor: 2 })).toBe(6);
    expect(lengthOf({ value: 'abc' }, once)).toBe(3);
    expect(calls).toBe(3);
  });

  it('gives the URLs and file plans the plain builders give, the same object for the same record', () => {
    const neuron = record();
    expect(neuronUrlsOf(neuron, site)).toEqual(neuronUrls(neuron, site));
    expect(neuronUrlsOf(neuron, site)).toBe(neuronUrlsOf(neuron, site));
    expect(neuronUrlsOf(neuron, replica)).toEqual(neuronUrls(neuron, replica));
    expect(neuronUrlsOf(neuron, replica).standardSwc).not.toBe(neuronUrlsOf(neuron, site).standardSwc);
    for (const mode of ['standard', 'original', 'both'] as const) {
      expect(filePlanOf(neuron, mode, site)).toEqual(filePlan(neuron, mode, site));
      expect(filePlanOf(neuron, mode, site)).toBe(filePlanOf(neuron, mode, site));
    }
    // A fresh parse of the same payload (a Redis read) computes again, to equal answers.
    expect(neuronUrlsOf(record(), site)).not.toBe(neuronUrlsOf(neuron, site));
    expect(neuronUrlsOf(record(), site)).toEqual(neuronUrlsOf(neuron, site));
  });
});

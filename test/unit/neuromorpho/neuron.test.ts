import { describe, expect, it } from 'vitest';
import { InvalidPayloadError } from '../../../src/neuromorpho/invalid-payload-error.js';
import { toNeuron } from '../../../src/neuromorpho/neuron.js';
import { loadUpstreamFixture } from './fixtures.js';

const minimal = { neuron_id: 5, neuron_name: 'n5' };

describe('toNeuron on the recorded records', () => {
  it('maps all 71 distinct real records without error', () => {
    const records = loadUpstreamFixture('neuron_records_all_unique.DERIVED.json') as unknown[];
    expect(records).toHaveLength(71);
    for (const raw of records) {
      const n = toNeuron(raw);
      expect(Number.isInteger(n.neuronId)).toBe(true);
      expect(n.name).not.toBe('');
      expect(n.raw).toBe(raw);
      for (const v of [n.minAge, n.maxAge, n.magnification, n.surface, n.volume, n.somaSurface]) {
        if (v !== null) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it('maps cnic_001 (neuron id 1) field by field', () => {
    const raw = loadUpstreamFixture('neuron_id_1.json');
    const n = toNeuron(raw);
    expect(n).toMatchObject({
      neuronId: 1,
      name: 'cnic_001',
      archive: 'Wearne_Hof',
      species: 'monkey',
      strain: 'Rhesus',
      scientificName: 'Macaca mulatta',
      gender: 'Male/Female',
      ageClassification: 'old',
      ageScale: 'Year',
      minAge: 24,
      maxAge: 25,
      minWeight: 4500,
      maxWeight: 10000,
      brainRegion: ['neocortex', 'prefrontal', 'layer 3'],
      cellType: ['Local projecting', 'pyramidal', 'principal cell'],
      experimentCondition: ['Control'],
      stain: 'lucifer yellow',
      protocol: 'in vivo',
      slicingDirection: 'custom',
      slicingThickness: 400,
      reconstructionSoftware: 'Neurozoom',
      objectiveType: 'Not reported',
      magnification: 100,
      originalFormat: 'Neurozoom.swc',
      domain: 'Dendrites, Soma, No Axon',
      attributes: 'Diameter, 3D, Angles',
      physicalIntegrity: 'Dendrites Moderate',
      uploadDate: '2006-08-01',
      depositionDate: '2005-12-31',
      shrinkageReported: 'Reported',
      shrinkageCorrected: 'Not Corrected',
      somaSurface: 834,
      surface: 8842.91,
      volume: 4725.89,
      referencePmid: ['12204204', '12902394'],
      referenceDoi: ['10.1016/S0306-4522(02)00305-6', '10.1093/cercor/13.9.950'],
      pngUrl: 'http://neuromorpho.org/images/imageFiles/Wearne_Hof/cnic_001.png',
    });
    expect(n.note).toContain('dableFiles/previous/v6.1');
  });

  it('keeps the payload itself, unchanged, as raw', () => {
    const raw = loadUpstreamFixture('neuron_id_1.json');
    const before = JSON.stringify(raw);
    const n = toNeuron(raw);
    expect(n.raw).toBe(raw);
    expect(JSON.stringify(raw)).toBe(before);
  });
});

describe('toNeuron value handling', () => {
  it('turns "Not Reported" / "Not reported" numbers into null', () => {
    const n = toNeuron({
      ...minimal,
      min_age: 'Not Reported',
      max_weight: 'Not Reported',
      magnification: 'Not reported',
    });
    expect(n.minAge).toBeNull();
    expect(n.maxWeight).toBeNull();
    expect(n.magnification).toBeNull();
  });

  it('keeps the empty shrinkage_corrected as sent', () => {
    expect(toNeuron({ ...minimal, shrinkage_corrected: '' }).shrinkageCorrected).toBe('');
  });

  it('wraps a lone string where a list is expected', () => {
    const n = toNeuron({
      ...minimal,
      brain_region: 'hippocampus',
      cell_type: 'granule',
      reference_pmid: null,
    });
    expect(n.brainRegion).toEqual(['hippocampus']);
    expect(n.cellType).toEqual(['granule']);
    expect(n.referencePmid).toEqual([]);
    expect(n.experimentCondition).toEqual([]);
  });

  it.each([['physical_Integrity'], ['Physical_Integrity'], ['physical_integrity']])(
    'reads physical integrity from %s',
    (key) => {
      expect(toNeuron({ ...minimal, [key]: 'Dendrites Complete' }).physicalIntegrity).toBe(
        'Dendrites Complete',
      );
    },
  );

  it('prefers physical_Integrity over the other spellings', () => {
    const n = toNeuron({ ...minimal, physical_integrity: 'b', physical_Integrity: 'a' });
    expect(n.physicalIntegrity).toBe('a');
  });

  it('gives null for absent fields', () => {
    const n = toNeuron(minimal);
    expect(n.archive).toBeNull();
    expect(n.originalFormat).toBeNull();
    expect(n.pngUrl).toBeNull();
    expect(n.physicalIntegrity).toBeNull();
  });

  it('accepts an integer-valued numeric string id', () => {
    expect(toNeuron({ neuron_id: '12', neuron_name: 'x' }).neuronId).toBe(12);
  });

  it('does not read inherited properties as payload fields', () => {
    const n = toNeuron(JSON.parse('{"neuron_id":1,"neuron_name":"a","__proto__":{"archive":"Evil"}}'));
    expect(n.archive).toBeNull();
  });
});

describe('toNeuron rejects unusable payloads', () => {
  it.each([[null], [undefined], ['text'], [42], [[minimal]]])('rejects the non-object %j', (raw) => {
    expect(() => toNeuron(raw)).toThrow(InvalidPayloadError);
  });

  it.each([
    [{ neuron_name: 'a' }],
    [{ neuron_id: null, neuron_name: 'a' }],
    [{ neuron_id: 1.5, neuron_name: 'a' }],
    [{ neuron_id: '12.0', neuron_name: 'a' }],
    [{ neuron_id: 'abc', neuron_name: 'a' }],
    [{ neuron_id: true, neuron_name: 'a' }],
  ])('rejects a bad neuron_id: %j', (raw) => {
    expect(() => toNeuron(raw)).toThrow(/neuron_id/);
  });

  it.each([
    [{ neuron_id: 1 }],
    [{ neuron_id: 1, neuron_name: null }],
    [{ neuron_id: 1, neuron_name: '' }],
    [{ neuron_id: 1, neuron_name: '  ' }],
    [{ neuron_id: 1, neuron_name: ['a'] }],
  ])('rejects a missing neuron_name: %j', (raw) => {
    expect(() => toNeuron(raw)).toThrow(/neuron_name/);
  });

  it('carries the INVALID_PAYLOAD code', () => {
    try {
      toNeuron(null);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidPayloadError);
      expect((err as InvalidPayloadError).code).toBe('INVALID_PAYLOAD');
    }
  });
});

describe('toNeuron id range', () => {
  it.each([[0], [-1], [3e9], [2 ** 31], ['3000000000']])(
    'rejects the neuron_id %j, outside 1..2**31-1',
    (id) => {
      expect(() => toNeuron({ neuron_id: id, neuron_name: 'a' })).toThrow(/neuron_id in 1\.\.2147483647/);
    },
  );

  it('accepts the largest id a client can ask for', () => {
    expect(toNeuron({ neuron_id: 2 ** 31 - 1, neuron_name: 'a' }).neuronId).toBe(2 ** 31 - 1);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type MetadataItem, neuronPayloadOf, renderMetadata } from '../../../src/disk/metadata.js';
import { toMeasurement } from '../../../src/neuromorpho/measurement.js';
import { toNeuron } from '../../../src/neuromorpho/neuron.js';
import { parsePayload } from '../../../src/neuromorpho/payload-json.js';
import { toPythonJson } from '../../../src/neuromorpho/python-json.js';
import { createSiteUrls } from '../../../src/neuromorpho/site-urls.js';

const site = createSiteUrls('https://neuromorpho.org');
const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/upstream/${name}`, import.meta.url), 'utf8');

/**
 * What the reference client writes for neuron 1 downloaded in mode "both" from neuromorpho.org: Python's
 * json.dumps(indent=2, sort_keys=True) of its record, built from the recorded payloads (the neuron as
 * GET /api/neuron/id/1 answers it, the morphometry of cnic_001), `path` as the file name.
 */
const REFERENCE_CNIC_001 = String.raw`{
  "archive": "Wearne_Hof",
  "brain_region": [
    "neocortex",
    "prefrontal",
    "layer 3"
  ],
  "cell_type": [
    "Local projecting",
    "pyramidal",
    "principal cell"
  ],
  "download_items": [
    {
      "downloaded_now": true,
      "filename": "cnic_001.CNG.swc",
      "kind": "standard",
      "path": "cnic_001.CNG.swc",
      "reason": null,
      "url": "https://neuromorpho.org/dableFiles/wearne_hof/CNG%20version/cnic_001.CNG.swc"
    },
    {
      "downloaded_now": true,
      "filename": "cnic_001.swc",
      "kind": "original",
      "path": "cnic_001.swc",
      "reason": null,
      "url": "https://neuromorpho.org/dableFiles/wearne_hof/Source-Version/cnic_001.swc"
    }
  ],
  "download_mode": "both",
  "links": {
    "measurements": {
      "href": "http://neuromorpho.org/api/morphometry/id/1"
    },
    "persistence_vector": {
      "href": "http://neuromorpho.org/api/pvec/id/1"
    },
    "self": {
      "href": "http://neuromorpho.org/api/neuron/id/1"
    }
  },
  "measurement": {
    "bif_ampl_local": 33.3799,
    "bif_ampl_remote": 50.461,
    "branch_Order": 8.0,
    "contraction": 0.934755,
    "depth": 84.73,
    "diameter": 0.543665,
    "eucDistance": 224.624,
    "fractal_Dim": 1.01989,
    "fragmentation": 1274.0,
    "height": 330.4,
    "length": 4911.5,
    "n_bifs": 47.0,
    "n_branch": 100.0,
    "n_stems": 6.0,
    "neuron_id": 1,
    "neuron_name": "cnic_001",
    "partition_asymmetry": 0.413619,
    "pathDistance": 253.921,
    "pk_classic": 1.52521,
    "soma_Surface": 834.0,
    "surface": 8842.91,
    "volume": 4725.89,
    "width": 230.779
  },
  "measurement_url": "https://neuromorpho.org/api/morphometry/id/1",
  "neuron": {
    "_links": {
      "measurements": {
        "href": "http://neuromorpho.org/api/morphometry/id/1"
      },
      "persistence_vector": {
        "href": "http://neuromorpho.org/api/pvec/id/1"
      },
      "self": {
        "href": "http://neuromorpho.org/api/neuron/id/1"
      }
    },
    "age_classification": "old",
    "age_scale": "Year",
    "archive": "Wearne_Hof",
    "attributes": "Diameter, 3D, Angles",
    "brain_region": [
      "neocortex",
      "prefrontal",
      "layer 3"
    ],
    "cell_type": [
      "Local projecting",
      "pyramidal",
      "principal cell"
    ],
    "corrected_value": null,
    "corrected_xy": null,
    "corrected_z": null,
    "deposition_date": "2005-12-31",
    "domain": "Dendrites, Soma, No Axon",
    "experiment_condition": [
      "Control"
    ],
    "gender": "Male/Female",
    "magnification": "100",
    "max_age": "25.0",
    "max_weight": "10000.0",
    "min_age": "24.0",
    "min_weight": "4500.0",
    "neuron_id": 1,
    "neuron_name": "cnic_001",
    "note": "When originally released, this reconstruction had been incompletely processed, and this issue was fixed in release 6.1 (May 2015). The pre-6.1 version of the processed file is available for download <a href=\" dableFiles/previous/v6.1/wearne_hof/cnic_001.CNG.swc \">here</a>.",
    "objective_type": "Not reported",
    "original_format": "Neurozoom.swc",
    "physical_Integrity": "Dendrites Moderate",
    "png_url": "http://neuromorpho.org/images/imageFiles/Wearne_Hof/cnic_001.png",
    "protocol": "in vivo",
    "reconstruction_software": "Neurozoom",
    "reference_doi": [
      "10.1016/S0306-4522(02)00305-6",
      "10.1093/cercor/13.9.950"
    ],
    "reference_pmid": [
      "12204204",
      "12902394"
    ],
    "reported_value": null,
    "reported_xy": null,
    "reported_z": null,
    "scientific_name": "Macaca mulatta",
    "shrinkage_corrected": "Not Corrected",
    "shrinkage_reported": "Reported",
    "slicing_direction": "custom",
    "slicing_thickness": "400",
    "soma_surface": "834.0",
    "species": "monkey",
    "stain": "lucifer yellow",
    "strain": "Rhesus",
    "surface": "8842.91",
    "upload_date": "2006-08-01",
    "volume": "4725.89"
  },
  "neuron_id": 1,
  "neuron_name": "cnic_001",
  "original_file_url": "https://neuromorpho.org/dableFiles/wearne_hof/Source-Version/cnic_001.swc",
  "original_format": "Neurozoom.swc",
  "species": "monkey",
  "standard_swc_url": "https://neuromorpho.org/dableFiles/wearne_hof/CNG%20version/cnic_001.CNG.swc",
  "thumbnail_url": "https://neuromorpho.org/images/imageFiles/Wearne_Hof/cnic_001.png"
}`;

const downloaded = (kind: 'standard' | 'original', filename: string, url: string): MetadataItem => ({
  kind,
  url,
  filename,
  downloadedNow: true,
  reason: null,
});

describe('renderMetadata', () => {
  it('writes, for the recorded neuron 1, the very text the reference client writes', () => {
    const neuron = toNeuron(parsePayload(fixture('neuron_id_1.json')));
    const measurement = toMeasurement(parsePayload(fixture('morphometry_name_cnic_001.json')), 1);
    const items = [
      downloaded('standard', 'cnic_001.CNG.swc', `${site.files}/wearne_hof/CNG%20version/cnic_001.CNG.swc`),
      downloaded('original', 'cnic_001.swc', `${site.files}/wearne_hof/Source-Version/cnic_001.swc`),
    ];
    expect(renderMetadata(neuron, measurement, 'both', items, site)).toBe(REFERENCE_CNIC_001);
  });

  it('keeps the payload as the reference does: list elements as sent, no _links as {}, no png_url as null', () => {
    const neuron = toNeuron(
      parsePayload(
        '{"neuron_id": 9, "neuron_name": "n9", "archive": 7, "brain_region": ["CA1", null, 3],' +
          ' "cell_type": "granule", "original_format": "", "png_url": ""}',
      ),
    );
    const text = renderMetadata(neuron, null, 'standard', [], site);
    const metadata = JSON.parse(text) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      archive: 7,
      brain_region: ['CA1', null, 3],
      cell_type: ['granule'],
      original_format: '',
      links: {},
      thumbnail_url: null,
      measurement: null,
      download_items: [],
    });
    // The typed record, which GraphQL shows, normalises the same list.
    expect(neuron.brainRegion).toEqual(['CA1', '3']);
  });

  it.each([
    ['{"brain_region": ""}', []],
    ['{"brain_region": {}}', []],
    ['{"brain_region": {"a": 1, "b": 2}}', ['a', 'b']],
    ['{"brain_region": 0}', []],
    ['{}', []],
  ])('brain_region of %s is %j, as Python lists it', (extra, list) => {
    const raw = { neuron_id: 9, neuron_name: 'n9', ...(JSON.parse(extra) as object) };
    const metadata = JSON.parse(renderMetadata(toNeuron(raw), null, 'standard', [], site));
    expect(metadata.brain_region).toEqual(list);
  });

  it('writes links as null when the payload sends _links: null (payload.get keeps it)', () => {
    const neuron = toNeuron({ neuron_id: 9, neuron_name: 'n9', _links: null });
    expect(JSON.parse(renderMetadata(neuron, null, 'standard', [], site)).links).toBeNull();
  });

  it('upgrades png_url to https whatever the configured site, as the reference does', () => {
    const replicaSite = createSiteUrls('http://127.0.0.1:4010');
    const neuron = toNeuron({
      neuron_id: 9,
      neuron_name: 'n9',
      png_url: 'http://127.0.0.1:4010/images/x.png',
    });
    const metadata = JSON.parse(renderMetadata(neuron, null, 'standard', [], replicaSite));
    expect(metadata.thumbnail_url).toBe('https://127.0.0.1:4010/images/x.png');
  });

  it('writes the measurement with the neuron id filled in when its payload had none', () => {
    const neuron = toNeuron({ neuron_id: 9, neuron_name: 'n9' });
    const measurement = toMeasurement(parsePayload('{"n_stems": 6.0}'), 9);
    const text = renderMetadata(neuron, measurement, 'standard', [], site);
    expect(text).toContain('  "measurement": {\n    "n_stems": 6.0,\n    "neuron_id": 9\n  },\n');
  });

  it('writes items with the file name as path, and the skip or keep reason', () => {
    const neuron = toNeuron({ neuron_id: 9, neuron_name: 'n9' });
    const items: MetadataItem[] = [
      { kind: 'standard', url: 'u', filename: 'n9.CNG.swc', downloadedNow: false, reason: 'already_exists' },
      { kind: 'original', url: '', filename: 'n9', downloadedNow: false, reason: 'skipped' },
    ];
    const metadata = JSON.parse(renderMetadata(neuron, null, 'both', items, site));
    expect(metadata.download_items).toEqual([
      {
        downloaded_now: false,
        filename: 'n9.CNG.swc',
        kind: 'standard',
        path: 'n9.CNG.swc',
        reason: 'already_exists',
        url: 'u',
      },
      { downloaded_now: false, filename: 'n9', kind: 'original', path: 'n9', reason: 'skipped', url: '' },
    ]);
  });
});

describe('neuronPayloadOf', () => {
  it('reads the neuron payload back with its number forms', () => {
    const raw = parsePayload('{"neuron_id": 9, "neuron_name": "n9", "magnification": 40.0}');
    const text = renderMetadata(toNeuron(raw), null, 'standard', [], site);
    const back = neuronPayloadOf(text);
    expect(back).not.toBeNull();
    expect(toPythonJson(back)).toBe(toPythonJson(raw));
    expect(toPythonJson(back)).toContain('"magnification": 40.0');
  });

  it.each([['not json'], ['{}'], ['{"neuron": []}'], ['[]'], ['{"neuron": "x"}']])(
    'is null for %j',
    (text) => {
      expect(neuronPayloadOf(text)).toBeNull();
    },
  );
});

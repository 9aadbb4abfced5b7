import { InvalidPayloadError } from './invalid-payload-error.js';
import {
  isServableNeuronId,
  toFloatOrNull,
  toNeuronIdOrNull,
  toStringList,
  toStringOrNull,
} from './parse.js';
import { describeValue, firstOwnValue, isRawPayload, ownValue } from './raw-payload.js';
import type { NeuronRecord, RawPayload } from './types.js';

// The recorded payloads spell it `physical_Integrity`; the other spellings guard against a fix upstream.
const PHYSICAL_INTEGRITY_KEYS = ['physical_Integrity', 'Physical_Integrity', 'physical_integrity'] as const;

function requireName(raw: RawPayload): string {
  const name = toStringOrNull(ownValue(raw, 'neuron_name'));
  // Every URL and file name is built from the name; an empty one would point at a folder.
  if (name === null || name.trim() === '') {
    throw new InvalidPayloadError('neuron payload has no neuron_name (expected a non-empty string)');
  }
  return name;
}

/**
 * Maps one upstream neuron record. Takes `unknown` because it is the guard too: callers hand it parsed
 * JSON straight from the wire.
 */
export function toNeuron(raw: unknown): NeuronRecord {
  if (!isRawPayload(raw)) {
    throw new InvalidPayloadError(`neuron payload is not a JSON object (got ${describeValue(raw)})`);
  }
  const neuronId = toNeuronIdOrNull(ownValue(raw, 'neuron_id'));
  // Ids are asked for as GraphQL Ints (1..2**31-1); a record outside that range could never be served.
  if (neuronId === null || !isServableNeuronId(neuronId)) {
    throw new InvalidPayloadError(
      `neuron payload has no integer neuron_id in 1..2147483647 (got ${describeValue(ownValue(raw, 'neuron_id'))})`,
    );
  }
  const str = (key: string): string | null => toStringOrNull(ownValue(raw, key));
  const num = (key: string): number | null => toFloatOrNull(ownValue(raw, key));
  const list = (key: string): string[] => toStringList(ownValue(raw, key));
  return {
    neuronId,
    name: requireName(raw),
    archive: str('archive'),
    species: str('species'),
    strain: str('strain'),
    scientificName: str('scientific_name'),
    gender: str('gender'),
    ageClassification: str('age_classification'),
    ageScale: str('age_scale'),
    minAge: num('min_age'),
    maxAge: num('max_age'),
    minWeight: num('min_weight'),
    maxWeight: num('max_weight'),
    brainRegion: list('brain_region'),
    cellType: list('cell_type'),
    experimentCondition: list('experiment_condition'),
    stain: str('stain'),
    protocol: str('protocol'),
    slicingDirection: str('slicing_direction'),
    slicingThickness: num('slicing_thickness'),
    reconstructionSoftware: str('reconstruction_software'),
    objectiveType: str('objective_type'),
    magnification: num('magnification'),
    originalFormat: str('original_format'),
    domain: str('domain'),
    attributes: str('attributes'),
    physicalIntegrity: toStringOrNull(firstOwnValue(raw, PHYSICAL_INTEGRITY_KEYS)),
    uploadDate: str('upload_date'),
    depositionDate: str('deposition_date'),
    shrinkageReported: str('shrinkage_reported'),
    shrinkageCorrected: str('shrinkage_corrected'),
    somaSurface: num('soma_surface'),
    surface: num('surface'),
    volume: num('volume'),
    referencePmid: list('reference_pmid'),
    referenceDoi: list('reference_doi'),
    note: str('note'),
    pngUrl: str('png_url'),
    raw,
  };
}

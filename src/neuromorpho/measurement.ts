import { InvalidPayloadError } from './invalid-payload-error.js';
import {
  fitsGraphQLInt,
  isServableNeuronId,
  toFloatOrNull,
  toIntOrNull,
  toNeuronIdOrNull,
  toStringOrNull,
} from './parse.js';
import { ignorePayloadIssues, type PayloadIssueReporter } from './payload-issues.js';
import { copyNumberForms } from './payload-json.js';
import { describeValue, isRawPayload, ownValue } from './raw-payload.js';
import type { MeasurementRecord, RawPayload } from './types.js';

/** The promoted measures: every MeasurementRecord field but the id, name, extras and raw. */
export type MeasureField = Exclude<keyof MeasurementRecord, 'neuronId' | 'neuronName' | 'extras' | 'raw'>;

/**
 * Upstream keys for each promoted measure, tried in order (first non-null wins), as the reference lists
 * them. The first spelling of each is the one the real morphometry record uses.
 */
export const MEASUREMENT_ALIASES = {
  surface: ['surface', 'Surface'],
  volume: ['volume', 'Volume'],
  somaSurface: ['soma_Surface', 'soma_surface', 'somaSurface'],
  nStems: ['n_stems', 'N_stems'],
  nBifs: ['n_bifs', 'N_bifs'],
  nBranch: ['n_branch', 'N_branch'],
  width: ['width', 'Width'],
  height: ['height', 'Height'],
  depth: ['depth', 'Depth'],
  diameter: ['diameter', 'Diameter'],
  length: ['length', 'Length'],
  euclideanDistance: ['eucDistance', 'euc_distance'],
  pathDistance: ['pathDistance', 'path_distance'],
  branchOrder: ['branch_Order', 'branch_order'],
  contraction: ['contraction', 'Contraction'],
  fragmentation: ['fragmentation', 'Fragmentation'],
  partitionAsymmetry: ['partition_asymmetry', 'partitionAsymmetry'],
  pkClassic: ['pk_classic', 'pkClassic'],
  bifAmplLocal: ['bif_ampl_local', 'bifAmplLocal'],
  bifAmplRemote: ['bif_ampl_remote', 'bifAmplRemote'],
  // Not promoted by the reference (it left fractal_Dim in extras); the gateway types it like the rest.
  fractalDim: ['fractal_Dim', 'fractalDim', 'fractal_dim'],
} as const satisfies Record<MeasureField, readonly string[]>;

/** Counts: sent as floats (`6.0`), exposed as integers rounded half to even like the reference. */
export const INTEGER_MEASURES: ReadonlySet<MeasureField> = new Set<MeasureField>([
  'nStems',
  'nBifs',
  'nBranch',
  'branchOrder',
  'fragmentation',
]);

/** The first own non-null value among `keys` and the key it came from (the reference's "first non-null wins"). */
function firstSent(raw: RawPayload, keys: readonly string[]): { key: string; value: unknown } | null {
  for (const key of keys) {
    const value = ownValue(raw, key);
    if (value !== null && value !== undefined) return { key, value };
  }
  return null;
}

function measureId(raw: RawPayload, fallbackNeuronId: number | undefined): number {
  const sent = ownValue(raw, 'neuron_id');
  // null counts as absent: the reference fills the id in whenever the payload lacks a usable one.
  if (sent === null || sent === undefined) {
    if (fallbackNeuronId !== undefined && isServableNeuronId(fallbackNeuronId)) return fallbackNeuronId;
    throw new InvalidPayloadError(
      'measurement payload has no neuron_id and no integer fallback id was given',
    );
  }
  const id = toNeuronIdOrNull(sent);
  if (id === null || !isServableNeuronId(id)) {
    throw new InvalidPayloadError(
      `measurement payload has no neuron_id in 1..2147483647 (got ${describeValue(sent)})`,
    );
  }
  return id;
}

/** The payload as the reference keeps it: with the neuron id filled in when it sent none. */
function withNeuronId(raw: RawPayload, neuronId: number): RawPayload {
  const sent = ownValue(raw, 'neuron_id');
  if (sent !== null && sent !== undefined) return raw;
  // fromEntries defines own properties, so a `__proto__` key stays data instead of becoming a prototype.
  const filled: RawPayload = Object.fromEntries([...Object.entries(raw), ['neuron_id', neuronId]]);
  copyNumberForms(filled, raw);
  return filled;
}

/**
 * Maps one morphometry record. `fallbackNeuronId` is the id the record was requested for; a payload that
 * names its own neuron_id keeps it. `raw` is the input object itself, or, when it has no neuron_id, a
 * copy with the fallback filled in (as the reference's payload has it); the input is never written to.
 * `extras` holds every upstream key the reference does not promote: `neuron_name`, every fractal
 * dimension spelling (promoted here as fractalDim too), and each alias spelling that lost to an earlier
 * non-null one, null-valued keys included. A count outside GraphQL's Int is null, and reported.
 */
export function toMeasurement(
  raw: unknown,
  fallbackNeuronId?: number,
  report: PayloadIssueReporter = ignorePayloadIssues,
): MeasurementRecord {
  if (!isRawPayload(raw)) {
    throw new InvalidPayloadError(`measurement payload is not a JSON object (got ${describeValue(raw)})`);
  }
  const neuronId = measureId(raw, fallbackNeuronId);
  const consumed = new Set<string>(['neuron_id']);
  const measure = (field: MeasureField): number | null => {
    const found = firstSent(raw, MEASUREMENT_ALIASES[field]);
    // fractal_Dim is not one of the reference's promoted measures, so none of its spellings is consumed.
    if (found !== null && field !== 'fractalDim') consumed.add(found.key);
    if (!INTEGER_MEASURES.has(field)) return toFloatOrNull(found?.value);
    const count = toIntOrNull(found?.value);
    if (count === null || fitsGraphQLInt(count)) return count;
    report({
      code: 'COUNT_OUT_OF_RANGE',
      neuronId,
      field: found?.key ?? field,
      message: `measurement ${found?.key} of neuron ${neuronId} is ${count}, outside GraphQL's Int: answered as null`,
    });
    return null;
  };
  const measures = {
    surface: measure('surface'),
    volume: measure('volume'),
    somaSurface: measure('somaSurface'),
    nStems: measure('nStems'),
    nBifs: measure('nBifs'),
    nBranch: measure('nBranch'),
    width: measure('width'),
    height: measure('height'),
    depth: measure('depth'),
    diameter: measure('diameter'),
    length: measure('length'),
    euclideanDistance: measure('euclideanDistance'),
    pathDistance: measure('pathDistance'),
    branchOrder: measure('branchOrder'),
    contraction: measure('contraction'),
    fragmentation: measure('fragmentation'),
    partitionAsymmetry: measure('partitionAsymmetry'),
    pkClassic: measure('pkClassic'),
    bifAmplLocal: measure('bifAmplLocal'),
    bifAmplRemote: measure('bifAmplRemote'),
    fractalDim: measure('fractalDim'),
  };
  const extraKeys = Object.keys(raw).filter((key) => !consumed.has(key));
  // fromEntries defines own properties, so a `__proto__` key stays data instead of becoming a prototype.
  const extras: RawPayload = Object.fromEntries(extraKeys.map((key) => [key, raw[key]]));
  copyNumberForms(extras, raw, extraKeys);
  return {
    neuronId,
    neuronName: toStringOrNull(ownValue(raw, 'neuron_name')),
    ...measures,
    extras,
    raw: withNeuronId(raw, neuronId),
  };
}

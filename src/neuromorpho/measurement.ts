import { InvalidPayloadError } from './invalid-payload-error.js';
import { toFloatOrNull, toIntOrNull, toNeuronIdOrNull, toStringOrNull } from './parse.js';
import { describeValue, firstOwnValue, isRawPayload, ownValue } from './raw-payload.js';
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

// Every alias is consumed, even one that lost to an earlier non-null spelling, so a measure never shows
// up twice (once promoted, once in extras). fractal_Dim is consumed too: unlike the reference, which kept
// it in extras, it is promoted as fractalDim, and repeating it in extras would only invite drift.
const CONSUMED_KEYS: ReadonlySet<string> = new Set<string>([
  'neuron_id',
  'neuron_name',
  ...Object.values(MEASUREMENT_ALIASES).flat(),
]);

function measureId(raw: RawPayload, fallbackNeuronId: number | undefined): number {
  const sent = ownValue(raw, 'neuron_id');
  // null counts as absent: the reference fills the id in whenever the payload lacks a usable one.
  if (sent === null || sent === undefined) {
    if (fallbackNeuronId !== undefined && Number.isSafeInteger(fallbackNeuronId)) return fallbackNeuronId;
    throw new InvalidPayloadError(
      'measurement payload has no neuron_id and no integer fallback id was given',
    );
  }
  const id = toNeuronIdOrNull(sent);
  if (id === null) {
    throw new InvalidPayloadError(`measurement payload has a non-integer neuron_id (${describeValue(sent)})`);
  }
  return id;
}

/**
 * Maps one morphometry record. `fallbackNeuronId` is the id the record was requested for; a payload that
 * names its own neuron_id keeps it. `raw` is the input object itself: the fallback id is not written
 * into it.
 */
export function toMeasurement(raw: unknown, fallbackNeuronId?: number): MeasurementRecord {
  if (!isRawPayload(raw)) {
    throw new InvalidPayloadError(`measurement payload is not a JSON object (got ${describeValue(raw)})`);
  }
  const measure = (field: MeasureField): number | null => {
    const v = firstOwnValue(raw, MEASUREMENT_ALIASES[field]);
    return INTEGER_MEASURES.has(field) ? toIntOrNull(v) : toFloatOrNull(v);
  };
  // fromEntries defines own properties, so a `__proto__` key stays data instead of becoming a prototype.
  const extras: RawPayload = Object.fromEntries(
    Object.entries(raw).filter(([key]) => !CONSUMED_KEYS.has(key)),
  );
  return {
    neuronId: measureId(raw, fallbackNeuronId),
    neuronName: toStringOrNull(ownValue(raw, 'neuron_name')),
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
    extras,
    raw,
  };
}

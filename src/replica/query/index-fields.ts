/** The searchable fields of the neuron, morphometry and literature indexes. */
import type { JsonObject } from '../json.js';
import { MORPHOMETRY_KEYS } from '../population/morphometry.js';
import { NEURON_RECORD_KEYS } from '../population/record-shape.js';
import { createFieldIndex, type FieldIndex, type FieldSpec } from './fields.js';

const MULTI_VALUED = new Set([
  'brain_region',
  'cell_type',
  'experiment_condition',
  'reference_pmid',
  'reference_doi',
]);

/** Sent as strings but numeric text (`"24.0"`, `"834.0"`): `min_age:24` matches `"24.0"`. */
const NUMERIC_TEXT = new Set([
  'neuron_id',
  'magnification',
  'reported_value',
  'reported_xy',
  'reported_z',
  'corrected_value',
  'corrected_xy',
  'corrected_z',
  'soma_surface',
  'surface',
  'volume',
  'slicing_thickness',
  'min_age',
  'max_age',
  'min_weight',
  'max_weight',
]);

/**
 * Hierarchy levels NeuroMorpho's own metadata proxy accepts (unverified semantics): brain_region_N is the
 * N-th region from the coarsest; cell_type_N the N-th class from the most general (records list cell
 * types most specific first).
 */
function levels(field: 'brain_region' | 'cell_type'): FieldSpec[] {
  return [1, 2, 3].map((level) => ({
    name: `${field}_${level}`,
    get: (doc: JsonObject) => {
      const values = doc[field];
      if (!Array.isArray(values)) return undefined;
      return field === 'brain_region' ? values[level - 1] : values[values.length - level];
    },
  }));
}

export function createNeuronFieldIndex(): FieldIndex {
  const specs: FieldSpec[] = NEURON_RECORD_KEYS.filter((key) => key !== '_links').map((name) => ({
    name,
    numeric: NUMERIC_TEXT.has(name),
    multiValued: MULTI_VALUED.has(name),
  }));
  return createFieldIndex([...specs, ...levels('brain_region'), ...levels('cell_type')]);
}

export function createMorphometryFieldIndex(): FieldIndex {
  return createFieldIndex(MORPHOMETRY_KEYS.map((name) => ({ name, numeric: name !== 'neuron_name' })));
}

/** Literature fields as recorded by `/api/literature/fields`. */
export function createLiteratureFieldIndex(names: readonly string[]): FieldIndex {
  return createFieldIndex(names.map((name) => ({ name })));
}

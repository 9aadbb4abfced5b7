/**
 * Field lookup for select queries and sorts. Names match case-insensitively (NeuroMorpho's own page
 * sends `Neuron_id:` to the morphometry index; `/fields` lists `Physical_Integrity` while records say
 * `physical_Integrity`). An unknown name is a 400, as Solr answers "undefined field".
 */
import { unknownFieldError } from '../errors.js';
import type { JsonObject } from '../json.js';

export interface FieldAccessor {
  /** The field's name as the index spells it. */
  name: string;
  get(doc: JsonObject): unknown;
  /** Compared as numbers when the value parses as one (`neuron_id:1` matches 1, not 10). */
  numeric: boolean;
  multiValued: boolean;
}

export interface FieldIndex {
  /** Throws a 400 ReplicaRequestError for an unknown field. */
  resolve(name: string): FieldAccessor;
  has(name: string): boolean;
}

export interface FieldSpec {
  name: string;
  numeric?: boolean;
  multiValued?: boolean;
  get?: (doc: JsonObject) => unknown;
}

export function createFieldIndex(specs: readonly FieldSpec[]): FieldIndex {
  const byName = new Map<string, FieldAccessor>();
  for (const spec of specs) {
    const name = spec.name;
    byName.set(name.toLowerCase(), {
      name,
      get: spec.get ?? ((doc) => doc[name]),
      numeric: spec.numeric ?? false,
      multiValued: spec.multiValued ?? false,
    });
  }
  return {
    resolve(name) {
      const accessor = byName.get(name.toLowerCase());
      if (accessor === undefined) throw unknownFieldError(name);
      return accessor;
    },
    has: (name) => byName.has(name.toLowerCase()),
  };
}

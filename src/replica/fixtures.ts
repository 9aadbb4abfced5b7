/** Loads the recorded NeuroMorpho.Org material the replica serves (see fixtures/upstream/SOURCES.md). */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';

export interface PartialSiegertFixture {
  names: string[];
  archive: string;
  /** Data rows of Trace009's Source-Version file as published by the tutorial. */
  sourceRows: number;
}

export interface Fixtures {
  /** The 71 recorded neuron records, unchanged, sorted by neuron_id. */
  records: JsonObject[];
  /** Recorded `/api/morphometry/name/cnic_001` body (neuron 1). */
  morphometry1: JsonObject;
  health: JsonObject;
  neuronFields: JsonObject;
  neuronFieldsSpecies: JsonObject;
  neuronPartitionSpecies: JsonObject;
  literatureFields: JsonObject;
  literatureFieldValues: JsonObject;
  literaturePartition: JsonObject;
  literatureSelect: JsonObject;
  partialSiegert: PartialSiegertFixture;
  /** Real standardized files by neuron name (`v_e_moto1.CNG.swc` -> 'v_e_moto1'). */
  realSwc: Map<string, Buffer>;
}

/**
 * The fixtures folder: the override, else `fixtures/` at the repository root. From a build under
 * `dist/src/replica/` the root is one level further up, so that location is tried second.
 */
export function resolveFixturesDir(override?: string): string {
  if (override !== undefined) return override;
  const fromSource = fileURLToPath(new URL('../../fixtures/', import.meta.url));
  if (existsSync(join(fromSource, 'upstream'))) return fromSource;
  return fileURLToPath(new URL('../../../fixtures/', import.meta.url));
}

export async function loadFixtures(dir: string): Promise<Fixtures> {
  const upstream = join(dir, 'upstream');
  const json = async (name: string): Promise<JsonValue> =>
    JSON.parse(await readFile(join(upstream, name), 'utf8')) as JsonValue;
  const object = async (name: string): Promise<JsonObject> => {
    const value = await json(name);
    if (!isJsonObject(value)) throw new TypeError(`fixture ${name} is not a JSON object`);
    return value;
  };
  const records = await json('neuron_records_all_unique.DERIVED.json');
  if (!Array.isArray(records) || !records.every(isJsonObject)) {
    throw new TypeError('fixture neuron_records_all_unique.DERIVED.json is not an array of records');
  }
  const partial = await object('neuron_select_q-neuron_name_CB_CKp25_2w_F_Animal01_star.PARTIAL.json');
  const names = partial.neuron_names_sorted;
  return {
    records,
    morphometry1: await object('morphometry_name_cnic_001.json'),
    health: await object('health.json'),
    neuronFields: await object('neuron_fields.json'),
    neuronFieldsSpecies: await object('neuron_fields_species.json'),
    neuronPartitionSpecies: await object('neuron_partition_species.json'),
    literatureFields: await object('literature_fields.json'),
    literatureFieldValues: await object('literature_fields_tracingSystem.json'),
    literaturePartition: await object('literature_partition_tracingSystem.json'),
    literatureSelect: await object('literature_select_q-species_mouse.json'),
    partialSiegert: {
      names: Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [],
      archive: typeof partial.archive === 'string' ? partial.archive : 'Siegert',
      sourceRows: typeof partial.source_version_file_rows === 'number' ? partial.source_version_file_rows : 0,
    },
    realSwc: await loadRealSwc(join(dir, 'swc')),
  };
}

async function loadRealSwc(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const file of (await readdir(dir)).sort()) {
    if (!file.endsWith('.CNG.swc')) continue;
    files.set(file.slice(0, -'.CNG.swc'.length), await readFile(join(dir, file)));
  }
  return files;
}

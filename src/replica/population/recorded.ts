/**
 * The 71 recorded neurons. Records are served as recorded, links rewritten to the replica's base.
 * Morphometry: neuron 1's is the recorded body. Every other one is measured from the standard file the
 * neuron serves (its real file, e.g. 604's v_e_moto1.CNG.swc, or the generated one), except the values its
 * record states (`soma_surface`, `surface`, `volume`), which are recorded data and kept.
 */
import type { Fixtures } from '../fixtures.js';
import { isJsonObject, type JsonObject } from '../json.js';
import { rewriteLinks } from '../links.js';
import { createRandom, mixSeed } from '../random.js';
import type { NeuronEntry } from './entry.js';
import { lazyMorphometryRecord, remember } from './lazy-measures.js';
import { measureGeneratedFile, measureRealFile } from './measured-morphometry.js';
import { type Measures, measuresOf, synthesizeMeasures, toMorphometryRecord } from './morphometry.js';
import { shapeOf } from './shape.js';

export function recordedNeurons(fixtures: Fixtures, seed: number, base: string): NeuronEntry[] {
  const recordedMorphometry = fixtures.morphometry1;
  return fixtures.records.map((fixture) => {
    const rewritten = rewriteLinks(fixture, base);
    const record: JsonObject = isJsonObject(rewritten) ? rewritten : {};
    const id = Number(record.neuron_id);
    const name = String(record.neuron_name);
    const realSwc = fixtures.realSwc.get(name);
    const isRecorded = recordedMorphometry.neuron_id === id;
    const stated = statedMeasures(record);
    const synthesized = isRecorded
      ? measuresOf(recordedMorphometry)
      : synthesizeMeasures(createRandom(mixSeed(seed, id)), { stems: [3, 9], ...stated });
    // A real file is measured now (a handful, and its counts shape the neuron's other generated files).
    const measured =
      realSwc === undefined || isRecorded
        ? synthesized
        : keepStated({ ...synthesized, ...measureRealFile(realSwc) }, synthesized, stated);
    const shape = shapeOf(measured, record.domain, mixSeed(seed, id, 1));
    const morphometry = isRecorded
      ? recordedMorphometry
      : realSwc !== undefined
        ? toMorphometryRecord(name, id, measured)
        : lazyMorphometryRecord(
            name,
            id,
            remember(() =>
              keepStated({ ...synthesized, ...measureGeneratedFile(shape) }, synthesized, stated),
            ),
          );
    return {
      id,
      name,
      archive: String(record.archive),
      record,
      morphometry,
      shape,
      synthetic: false,
      originalFormat: typeof record.original_format === 'string' ? record.original_format : null,
      filesMissing: false,
      realSwc,
      publishedSource: undefined,
    };
  });
}

interface StatedMeasures {
  somaSurface?: number;
  surface?: number;
  volume?: number;
}

/** The measures a recorded neuron record states (as strings); recorded data, so they are kept. */
function statedMeasures(record: JsonObject): StatedMeasures {
  const number = (value: unknown): number | undefined => {
    const parsed = typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  return {
    somaSurface: number(record.soma_surface),
    surface: number(record.surface),
    volume: number(record.volume),
  };
}

/** Record and morphometry agree on NeuroMorpho: what the record states wins over what the file gives. */
function keepStated(measured: Measures, synthesized: Measures, stated: StatedMeasures): Measures {
  return {
    ...measured,
    ...(stated.somaSurface !== undefined && { soma_Surface: synthesized.soma_Surface }),
    ...(stated.surface !== undefined && { surface: synthesized.surface }),
    ...(stated.volume !== undefined && { volume: synthesized.volume }),
  };
}

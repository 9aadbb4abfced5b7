/**
 * The 71 recorded neurons. Records are served as recorded, links rewritten to the replica's base.
 * Morphometry: neuron 1's is the recorded body; the others are synthesized around the values their
 * records state (`soma_surface`, `surface`, `volume`), and for a neuron with a real file (604,
 * v_e_moto1.CNG.swc) the counts and extents are computed from that file.
 */
import { swcStats } from '../files/swc-stats.js';
import type { Fixtures } from '../fixtures.js';
import { isJsonObject, type JsonObject, sig6 } from '../json.js';
import { rewriteLinks } from '../links.js';
import { createRandom, mixSeed } from '../random.js';
import type { NeuronEntry } from './entry.js';
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
    const measures = isRecorded
      ? measuresOf(recordedMorphometry)
      : synthesizedMeasures(record, seed, realSwc);
    return {
      id,
      name,
      archive: String(record.archive),
      record,
      morphometry: isRecorded ? recordedMorphometry : toMorphometryRecord(name, id, measures),
      shape: shapeOf(measures, record.domain, mixSeed(seed, id, 1)),
      synthetic: false,
      originalFormat: typeof record.original_format === 'string' ? record.original_format : null,
      filesMissing: false,
      realSwc,
      publishedSource: undefined,
    };
  });
}

function synthesizedMeasures(record: JsonObject, seed: number, realSwc: Buffer | undefined): Measures {
  const number = (value: unknown): number | undefined => {
    const parsed = typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  const hints = {
    stems: [3, 9] as const,
    somaSurface: number(record.soma_surface),
    surface: number(record.surface),
    volume: number(record.volume),
  };
  const measures = synthesizeMeasures(createRandom(mixSeed(seed, Number(record.neuron_id))), hints);
  if (realSwc === undefined) return measures;
  const stats = swcStats(realSwc.toString('latin1'));
  return {
    ...measures,
    n_stems: stats.stems,
    n_bifs: stats.bifs,
    n_branch: stats.stems + 2 * stats.bifs,
    width: sig6(stats.width),
    height: sig6(stats.height),
    depth: sig6(stats.depth),
    diameter: sig6(stats.diameter),
    eucDistance: sig6(stats.eucDistance),
    pathDistance: sig6(stats.pathDistance),
    branch_Order: stats.branchOrder,
    fragmentation: stats.nodes,
    length: sig6(stats.length),
  };
}

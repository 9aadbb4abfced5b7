/**
 * Morphometry records. Neuron 1 serves the recorded body; every other neuron gets the recorded 23 keys in
 * the recorded order. Synthesized measures shape the tree its standard SWC is generated from; the values
 * served are then measured from that file (measured-morphometry.ts), all but pk_classic and fractal_Dim.
 */
import { formatFloat, type JsonObject, sig6 } from '../json.js';
import type { Random } from '../random.js';

export const MORPHOMETRY_KEYS = [
  'neuron_name',
  'surface',
  'volume',
  'soma_Surface',
  'n_stems',
  'n_bifs',
  'n_branch',
  'width',
  'height',
  'depth',
  'diameter',
  'eucDistance',
  'pathDistance',
  'branch_Order',
  'contraction',
  'fragmentation',
  'partition_asymmetry',
  'pk_classic',
  'bif_ampl_local',
  'fractal_Dim',
  'neuron_id',
  'bif_ampl_remote',
  'length',
] as const;

/** The numeric measures; everything but `neuron_id` is sent as a float, counts included (`6.0`). */
export type Measures = Record<
  Exclude<(typeof MORPHOMETRY_KEYS)[number], 'neuron_name' | 'neuron_id'>,
  number
>;

export interface MeasureHints {
  stems: readonly [number, number];
  /** Values a recorded record already states (as strings): kept so record and morphometry agree. */
  somaSurface?: number;
  surface?: number;
  volume?: number;
}

export function synthesizeMeasures(rng: Random, hints: MeasureHints): Measures {
  const diameter = rng.between(0.35, 1.6);
  const step = rng.between(2.5, 5.5); // µm between reconstruction points
  const length =
    hints.surface !== undefined && hints.surface > 0
      ? hints.surface / (Math.PI * diameter)
      : rng.logNormal(7000, 0.7) * (diameter < 0.6 ? 0.6 : 1);
  const stems = rng.int(hints.stems[0], hints.stems[1]);
  // 300..14,000 points: files of roughly 10 KB to 600 KB, like most of NeuroMorpho's.
  const fragmentation = Math.round(Math.min(14000, Math.max(300, stems * 6 + 40, length / step + 3)));
  // Each branch needs at least one point; keep ~8 or more per branch, as real trees have.
  const maxBifs = Math.max(0, Math.floor((fragmentation - 3 - stems) / 16));
  const bifs = Math.min(maxBifs, Math.max(stems, Math.round(fragmentation / rng.between(15, 45))));
  const span = Math.sqrt(length) * rng.between(2.5, 4.8);
  const width = span * rng.between(0.6, 1.2);
  const height = span * rng.between(0.7, 1.4);
  const depth = Math.min(width, height) * rng.between(0.15, 0.6);
  const eucDistance = (Math.max(width, height) / 2) * rng.between(1.1, 1.5);
  const somaSurface = hints.somaSurface ?? rng.logNormal(600, 0.5);
  return {
    surface: sig6(hints.surface ?? Math.PI * diameter * length),
    volume: sig6(hints.volume ?? (Math.PI / 4) * diameter ** 2 * length * rng.between(2.5, 4.5)),
    soma_Surface: sig6(somaSurface),
    n_stems: stems,
    n_bifs: bifs,
    n_branch: stems + 2 * bifs,
    width: sig6(width),
    height: sig6(height),
    depth: sig6(depth),
    diameter: sig6(diameter),
    eucDistance: sig6(eucDistance),
    pathDistance: sig6(eucDistance / rng.between(0.8, 0.95)),
    branch_Order: Math.max(1, Math.round(rng.between(1.5, 2.5) * Math.log2(1 + bifs / stems))),
    contraction: sig6(rng.between(0.82, 0.96)),
    fragmentation,
    partition_asymmetry: sig6(rng.between(0.3, 0.6)),
    pk_classic: sig6(rng.between(1.3, 2.6)),
    bif_ampl_local: sig6(rng.between(25, 95)),
    fractal_Dim: sig6(rng.between(1.0, 1.12)),
    bif_ampl_remote: sig6(rng.between(25, 110)),
    length: sig6(length),
  };
}

export function toMorphometryRecord(name: string, id: number, m: Measures): JsonObject {
  // A literal (not a loop over MORPHOMETRY_KEYS) keeps the recorded order and builds fast.
  return {
    neuron_name: name,
    surface: m.surface,
    volume: m.volume,
    soma_Surface: m.soma_Surface,
    n_stems: m.n_stems,
    n_bifs: m.n_bifs,
    n_branch: m.n_branch,
    width: m.width,
    height: m.height,
    depth: m.depth,
    diameter: m.diameter,
    eucDistance: m.eucDistance,
    pathDistance: m.pathDistance,
    branch_Order: m.branch_Order,
    contraction: m.contraction,
    fragmentation: m.fragmentation,
    partition_asymmetry: m.partition_asymmetry,
    pk_classic: m.pk_classic,
    bif_ampl_local: m.bif_ampl_local,
    fractal_Dim: m.fractal_Dim,
    neuron_id: id,
    bif_ampl_remote: m.bif_ampl_remote,
    length: m.length,
  };
}

/** Reads the measures back out of a morphometry record (the recorded one for neuron 1). */
export function measuresOf(record: JsonObject): Measures {
  const measures = {} as Measures;
  for (const key of MORPHOMETRY_KEYS) {
    if (key === 'neuron_name' || key === 'neuron_id') continue;
    const value = record[key];
    measures[key] = typeof value === 'number' ? value : Number.NaN;
  }
  return measures;
}

/** Morphometry JSON text: counts keep their `.0` as the recorded body has them; neuron_id stays an integer. */
export function serializeMorphometry(record: JsonObject): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    const text =
      typeof value === 'number' && key !== 'neuron_id' ? formatFloat(value) : JSON.stringify(value);
    parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

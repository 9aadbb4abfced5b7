/**
 * Fills a synthetic neuron record from a species profile (synthesized, not recorded). Every value is
 * drawn from `rng`, which the caller seeds from the replica seed and the neuron's id, so a record does not
 * depend on any other.
 */
import { formatFloat, type JsonObject, type JsonValue } from '../json.js';
import { neuronLinks } from '../links.js';
import { createRandom, hashString, mixSeed, type Random } from '../random.js';
import type { Measures } from './morphometry.js';
import { type NeuronRecordFields, syntheticNote } from './record-shape.js';
import * as vocab from './record-vocabulary.js';
import type { Anatomy, SpeciesProfile } from './species-profiles.js';

/** Built once per population: what every synthetic record shares. */
export interface SynthesisContext {
  seed: number;
  base: string;
  /** One shared string: thousands of records carry the same note. */
  note: string;
  /** Publications per archive, drawn once. */
  references: Map<string, References>;
}

interface References {
  pmids: JsonValue[];
  dois: JsonValue[];
}

export function createSynthesisContext(seed: number, base: string): SynthesisContext {
  return { seed, base, note: syntheticNote(seed), references: new Map() };
}

export interface SyntheticRecordInput {
  ctx: SynthesisContext;
  rng: Random;
  id: number;
  name: string;
  species: string;
  profile: SpeciesProfile;
  measures: Measures;
  /** Fixed values (the Siegert fill, odd `original_format`s) that win over drawn ones. */
  overrides?: Partial<NeuronRecordFields>;
}

export function synthesizeRecord(input: SyntheticRecordInput): JsonObject {
  const { ctx, rng, profile, measures } = input;
  const archive =
    typeof input.overrides?.archive === 'string' ? input.overrides.archive : rng.pick(profile.archives);
  const [strain, scientificName] = rng.pick(profile.strains);
  const [brainRegion, cellType]: Anatomy = rng.pick(profile.anatomy);
  const ageClass = rng.weighted(vocab.AGE_CLASSES);
  const ages = ageClass !== 'not reported' && rng.chance(0.8) ? drawRange(rng, profile.ageRange) : null;
  const weights =
    profile.weightRange !== null && rng.chance(0.5) ? drawRange(rng, profile.weightRange) : null;
  const [software, format] = rng.weighted(vocab.FORMATS);
  const shrinkage = rng.chance(0.4);
  const dates = drawDates(rng);
  const references = archiveReferences(ctx, archive);
  // Written in the recorded key order (record-shape.ts); spreading overrides keeps that order.
  const fields: NeuronRecordFields = {
    neuron_id: input.id,
    neuron_name: input.name,
    archive,
    note: ctx.note,
    age_scale: ages === null ? null : profile.ageScale,
    gender: rng.weighted(vocab.GENDERS),
    age_classification: ageClass,
    brain_region: [...brainRegion],
    cell_type: [...cellType],
    species: input.species,
    strain,
    scientific_name: scientificName,
    stain: rng.pick(profile.stains),
    experiment_condition: [...rng.weighted(vocab.EXPERIMENT_CONDITIONS)],
    protocol: rng.weighted(vocab.PROTOCOLS),
    slicing_direction: rng.weighted(vocab.SLICING_DIRECTIONS),
    reconstruction_software: software,
    objective_type: rng.weighted(vocab.OBJECTIVE_TYPES),
    original_format: format,
    domain: rng.weighted(vocab.DOMAINS),
    attributes: rng.weighted(vocab.ATTRIBUTES),
    magnification: rng.weighted(vocab.MAGNIFICATIONS),
    upload_date: dates.upload,
    deposition_date: dates.deposition,
    // Recorded pattern: 'Not Reported' shrinkage goes with an empty-string `shrinkage_corrected`.
    shrinkage_reported: shrinkage ? 'Reported' : 'Not Reported',
    shrinkage_corrected: shrinkage ? rng.pick(['Corrected', 'Not Corrected']) : '',
    reported_value:
      shrinkage && rng.chance(0.3) ? formatFloat(Math.round(rng.between(5, 30) * 10) / 10) : null,
    reported_xy: null,
    reported_z: null,
    corrected_value: null,
    corrected_xy: null,
    corrected_z: null,
    soma_surface: formatFloat(measures.soma_Surface),
    surface: formatFloat(measures.surface),
    volume: formatFloat(measures.volume),
    slicing_thickness: rng.pick(vocab.SLICING_THICKNESSES),
    min_age: ages === null ? 'Not Reported' : formatFloat(ages[0]),
    max_age: ages === null ? 'Not Reported' : formatFloat(ages[1]),
    min_weight: weights === null ? 'Not Reported' : formatFloat(weights[0]),
    max_weight: weights === null ? 'Not Reported' : formatFloat(weights[1]),
    png_url: `${ctx.base}/images/imageFiles/${archive}/${input.name}.png`,
    reference_pmid: references.pmids,
    reference_doi: references.dois,
    physical_Integrity: rng.weighted(vocab.PHYSICAL_INTEGRITIES),
    _links: neuronLinks(ctx.base, input.id),
  };
  return input.overrides === undefined ? fields : { ...fields, ...input.overrides };
}

function drawRange(rng: Random, [low, high]: readonly [number, number]): [number, number] {
  const min = Math.round(rng.between(low, high));
  const max = rng.chance(0.5) ? min : Math.round(Math.min(high, min + rng.between(0, (high - low) / 5)));
  return [min, max];
}

function drawDates(rng: Random): { deposition: string; upload: string } {
  const day = 86_400_000;
  const first = Date.UTC(2004, 0, 1);
  const last = Date.UTC(2023, 7, 1); // the NMO 8.5.25 release the recorded bodies come from
  const deposition = first + rng.int(0, 7000) * day;
  const upload = Math.min(last, deposition + rng.int(30, 700) * day);
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  return { deposition: iso(deposition), upload: iso(upload) };
}

/** Neurons of one archive share their publications, as on the real site. */
function archiveReferences(ctx: SynthesisContext, archive: string): References {
  const known = ctx.references.get(archive);
  if (known !== undefined) return known;
  const rng = createRandom(mixSeed(ctx.seed, hashString(archive)));
  const count = rng.int(1, 2);
  const pmids: JsonValue[] = [];
  const dois: JsonValue[] = [];
  for (let i = 0; i < count; i++) {
    const year = rng.int(2000, 2022);
    pmids.push(String(rng.int(10_000_000, 36_000_000)));
    dois.push(
      `${rng.pick(vocab.JOURNALS)}.${rng.int(1000, 9999)}-${String(rng.int(1, 99)).padStart(2, '0')}.${year}`,
    );
  }
  const references = { pmids, dois };
  ctx.references.set(archive, references);
  return references;
}

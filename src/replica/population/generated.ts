/** The `size` generated neurons (synthesized): species weighted like the recorded partition, never cat. */
import { createRandom, mixSeed, type Random } from '../random.js';
import type { NeuronEntry } from './entry.js';
import { GENERATED_ID_BASE, hasMissingFiles } from './ids.js';
import { measuredSynthetic } from './lazy-measures.js';
import { synthesizeMeasures } from './morphometry.js';
import type { NeuronRecordFields } from './record-shape.js';
import { shapeOf } from './shape.js';
import { profileFor } from './species-groups.js';
import type { SpeciesProfile } from './species-profiles.js';
import { type SynthesisContext, synthesizeRecord } from './synthesize-record.js';

export interface GenerationContext extends SynthesisContext {
  /** [species, weight] from the recorded partition, cat excluded. */
  speciesWeights: readonly (readonly [string, number])[];
}

export function generateNeuron(ctx: GenerationContext, index: number): NeuronEntry {
  const id = GENERATED_ID_BASE + index;
  const rng = createRandom(mixSeed(ctx.seed, id));
  const species = rng.weighted(ctx.speciesWeights);
  const profile = profileFor(species);
  const measures = synthesizeMeasures(rng, { stems: profile.stems });
  const name = generatedName(rng, profile, index);
  const record = synthesizeRecord({
    ctx,
    rng,
    id,
    name,
    species,
    profile,
    measures,
    overrides: formatQuirk(index),
  });
  const originalFormat = record.original_format;
  const shape = shapeOf(measures, record.domain, mixSeed(ctx.seed, id, 1));
  return {
    id,
    name,
    archive: String(record.archive),
    record,
    morphometry: measuredSynthetic({ name, id, record, shape }, measures),
    shape,
    synthetic: true,
    originalFormat: typeof originalFormat === 'string' ? originalFormat : null,
    filesMissing: hasMissingFiles(index),
    realSwc: undefined,
    publishedSource: undefined,
  };
}

/**
 * Unique by construction (the index is in every name). A few carry a space, parentheses or '+', which
 * real names rarely do, so that clients' percent-encoding of file URLs gets exercised.
 */
function generatedName(rng: Random, profile: SpeciesProfile, index: number): string {
  const serial = `${rng.pick(profile.nameStems)}${String(index).padStart(5, '0')}`;
  if (index % 997 === 500) return `${serial} (2)`;
  if (index % 997 === 900) return `${serial}+b`;
  return serial;
}

/** A few records without a usable `original_format`, as clients must handle (no original file then). */
function formatQuirk(index: number): Partial<NeuronRecordFields> | undefined {
  if (index % 400 === 11) return { original_format: null };
  if (index % 400 === 211) return { original_format: 'Neurolucida' };
  return undefined;
}

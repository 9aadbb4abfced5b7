/**
 * The fidelity fill: synthetic records that make recorded queries answer as recorded whatever `size` is.
 * - `q=species:cat` answered totalElements 151 with only 50 cat records published, so the fill adds the
 *   missing cats (151 - 50, read from the fixtures) after the recorded ones in string order of id.
 * - `q=neuron_name:CB_CKp25_2w_F_Animal01_*` answered 15 Siegert records, known only by name.
 * Both are marked synthetic in `note` like every generated record.
 */
import type { Fixtures } from '../fixtures.js';
import type { JsonObject } from '../json.js';
import { createRandom, mixSeed } from '../random.js';
import type { NeuronEntry, PublishedSource } from './entry.js';
import { FILL_ID_BASE } from './ids.js';
import { measuredSynthetic } from './lazy-measures.js';
import { synthesizeMeasures } from './morphometry.js';
import type { NeuronRecordFields } from './record-shape.js';
import { shapeOf } from './shape.js';
import type { Anatomy, SpeciesProfile } from './species-profiles.js';
import { type SynthesisContext, synthesizeRecord } from './synthesize-record.js';

/** First data row of Trace009's Source-Version file, from the tutorial's preview (upstream/SOURCES.md). */
const TRACE009_FIRST_ROW = '1 1 41.318 34.824 0.606 0.689 -1';

export function fillNeurons(fixtures: Fixtures, ctx: SynthesisContext): NeuronEntry[] {
  const cats = fixtures.records.filter((record) => record.species === 'cat');
  const catTotal = fixtures.neuronPartitionSpecies.fields;
  const total =
    typeof catTotal === 'object' && catTotal !== null && !Array.isArray(catTotal) ? catTotal.cat : 0;
  const missingCats = typeof total === 'number' ? total - cats.length : 0;
  const catProfile = catProfileFrom(cats);
  const entries: NeuronEntry[] = [];
  for (let k = 0; k < missingCats; k++) {
    const archive = catProfile.archives[k % catProfile.archives.length] ?? 'Burke';
    const name = `${archive.toLowerCase()}_cat_s${String(k + 1).padStart(3, '0')}`;
    entries.push(
      fillNeuron({
        ctx,
        id: FILL_ID_BASE + k,
        name,
        species: 'cat',
        profile: catProfile,
        overrides: { archive },
      }),
    );
  }
  const { names, archive, sourceRows } = fixtures.partialSiegert;
  names.forEach((name, k) => {
    const id = FILL_ID_BASE + missingCats + k;
    const published = name.endsWith('Trace009')
      ? { firstRow: TRACE009_FIRST_ROW, rows: sourceRows }
      : undefined;
    const overrides = {
      archive,
      gender: 'Female',
      reconstruction_software: 'Imaris',
      original_format: 'Imaris.swc',
    };
    entries.push(fillNeuron({ ctx, id, name, species: 'mouse', profile: SIEGERT, overrides }, published));
  });
  return entries;
}

interface FillInput {
  ctx: SynthesisContext;
  id: number;
  name: string;
  species: string;
  profile: SpeciesProfile;
  overrides: Partial<NeuronRecordFields>;
}

function fillNeuron(input: FillInput, publishedSource?: PublishedSource): NeuronEntry {
  const { seed } = input.ctx;
  const rng = createRandom(mixSeed(seed, input.id));
  const measures = synthesizeMeasures(rng, { stems: input.profile.stems });
  const record = synthesizeRecord({ ...input, rng, measures });
  const shape = shapeOf(measures, record.domain, mixSeed(seed, input.id, 1));
  return {
    id: input.id,
    name: input.name,
    archive: String(record.archive),
    record,
    morphometry: measuredSynthetic({ ...input, record, shape }, measures),
    shape,
    synthetic: true,
    originalFormat: typeof record.original_format === 'string' ? record.original_format : null,
    filesMissing: false,
    realSwc: undefined,
    publishedSource,
  };
}

/** Cats drawn from the recorded cats' archives and anatomy; strain never 'Macaque' (a recorded fq). */
function catProfileFrom(cats: JsonObject[]): SpeciesProfile {
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const anatomy = new Map<string, Anatomy>();
  for (const cat of cats) {
    const pair: Anatomy = [strings(cat.brain_region), strings(cat.cell_type)];
    anatomy.set(JSON.stringify(pair), pair);
  }
  return {
    archives: [...new Set(cats.map((cat) => String(cat.archive)))],
    strains: [['Not reported', null]],
    anatomy: [...anatomy.values()],
    ageScale: 'Month',
    ageRange: [2, 36],
    weightRange: [2000, 4500],
    stains: ['horseradish peroxidase', 'Neurobiotin', 'biocytin', 'Multiple'],
    nameStems: [],
    stems: [4, 12],
  };
}

/** The Siegert traces (CK-p25 mice, microglia per the archive's publications); details synthesized. */
const SIEGERT: SpeciesProfile = {
  archives: ['Siegert'],
  strains: [['CK-p25', 'Mus musculus']],
  anatomy: [
    [
      ['hippocampus', 'CA1'],
      ['microglia', 'Glia'],
    ],
  ],
  ageScale: 'Month',
  ageRange: [3, 6],
  weightRange: null,
  stains: ['immunostaining'],
  nameStems: [],
  stems: [3, 8],
};

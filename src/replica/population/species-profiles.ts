/**
 * Per-species vocabularies for generated records (synthesized, not recorded): archives, strains and
 * region/cell-type pairs in NeuroMorpho's conventions (regions coarse to fine, cell types most specific
 * first). Species without a profile of their own fall back to their group's.
 */

export type Anatomy = readonly [brainRegion: readonly string[], cellType: readonly string[]];

export interface SpeciesProfile {
  archives: readonly string[];
  /** Strain and its scientific name; never 'Macaque' (see population.ts: fidelity of a recorded query). */
  strains: readonly (readonly [strain: string, scientificName: string | null])[];
  anatomy: readonly Anatomy[];
  ageScale: 'Day' | 'Month' | 'Year';
  ageRange: readonly [number, number];
  /** Body weight range in grams, null when NeuroMorpho would not report one. */
  weightRange: readonly [number, number] | null;
  stains: readonly string[];
  nameStems: readonly string[];
  /** Invertebrates and larvae have few primary neurites. */
  stems: readonly [number, number];
}

const PYRAMIDAL = ['pyramidal', 'principal cell'] as const;
const CORTEX: readonly Anatomy[] = [
  [['neocortex', 'frontal', 'layer 2-3'], PYRAMIDAL],
  [['neocortex', 'occipital', 'layer 5'], PYRAMIDAL],
  [
    ['neocortex', 'frontal', 'layer 4'],
    ['stellate', 'interneuron'],
  ],
  [
    ['cerebellum', 'cerebellar cortex'],
    ['Purkinje', 'principal cell'],
  ],
];

const mouse: SpeciesProfile = {
  archives: ['Allen Cell Types', 'Peng', 'MouseLight', 'Svoboda', 'Yuste', 'Staiger', 'Luo', 'Dendritica'],
  strains: [
    ['C57BL/6', 'Mus musculus'],
    ['C57BL/6J', 'Mus musculus'],
    ['Thy1-YFP-H', 'Mus musculus'],
    ['Pvalb-IRES-Cre', 'Mus musculus'],
    ['Sst-IRES-Cre', 'Mus musculus'],
    ['CD-1', 'Mus musculus'],
    ['Not reported', 'Mus musculus'],
  ],
  anatomy: [
    [['neocortex', 'primary visual', 'layer 2-3'], PYRAMIDAL],
    [
      ['neocortex', 'primary somatosensory', 'layer 5'],
      ['Thick-tufted', 'pyramidal', 'principal cell'],
    ],
    [
      ['neocortex', 'primary motor', 'layer 6'],
      ['Corticothalamic', 'pyramidal', 'principal cell'],
    ],
    [
      ['neocortex', 'primary visual', 'layer 4'],
      ['Basket', 'Parvalbumin', 'interneuron'],
    ],
    [
      ['neocortex', 'primary somatosensory', 'layer 2-3'],
      ['Martinotti', 'Somatostatin', 'interneuron'],
    ],
    [
      ['hippocampus', 'CA1', 'stratum oriens'],
      ['Oriens-lacunosum moleculare', 'interneuron'],
    ],
    [
      ['hippocampus', 'dentate gyrus', 'granule layer'],
      ['granule', 'principal cell'],
    ],
    [
      ['cerebellum', 'cerebellar cortex', 'Purkinje layer'],
      ['Purkinje', 'principal cell'],
    ],
    [
      ['striatum', 'dorsal striatum'],
      ['medium spiny', 'principal cell'],
    ],
    [
      ['retina', 'ganglion cell layer'],
      ['ganglion', 'principal cell'],
    ],
    [
      ['thalamus', 'ventral posteromedial nucleus'],
      ['thalamocortical', 'principal cell'],
    ],
    [
      ['olfactory bulb', 'mitral layer'],
      ['mitral', 'principal cell'],
    ],
    [
      ['neocortex', 'prefrontal'],
      ['microglia', 'Glia'],
    ],
    [
      ['hippocampus', 'CA1'],
      ['astrocyte', 'Glia'],
    ],
  ],
  ageScale: 'Day',
  ageRange: [7, 120],
  weightRange: [15, 35],
  stains: [
    'biocytin',
    'green fluorescent protein (GFP)',
    'Golgi',
    'neurobiotin',
    'tdTomato',
    'lucifer yellow',
  ],
  nameStems: ['AA', 'Pvalb', 'Sst', 'Vip', 'Cell', 'mouse_', 'Slice', 'n'],
  stems: [3, 11],
};

const rat: SpeciesProfile = {
  archives: ['Markram', 'Amaral', 'Turner', 'Claiborne', 'Buzsaki', 'Kawaguchi', 'Feldmeyer', 'Gulyas'],
  strains: [
    ['Wistar', 'Rattus norvegicus'],
    ['Sprague-Dawley', 'Rattus norvegicus'],
    ['Long-Evans', 'Rattus norvegicus'],
    ['F344', 'Rattus norvegicus'],
    ['Not reported', 'Rattus norvegicus'],
  ],
  anatomy: [
    [['hippocampus', 'CA1', 'stratum pyramidale'], PYRAMIDAL],
    [['hippocampus', 'CA3'], PYRAMIDAL],
    [
      ['hippocampus', 'dentate gyrus', 'granule layer'],
      ['granule', 'principal cell'],
    ],
    [
      ['neocortex', 'somatosensory', 'barrel cortex', 'layer 4'],
      ['spiny stellate', 'principal cell'],
    ],
    [
      ['neocortex', 'somatosensory', 'layer 5'],
      ['Thick-tufted', 'pyramidal', 'principal cell'],
    ],
    [
      ['neocortex', 'frontal', 'layer 2-3'],
      ['Basket', 'interneuron'],
    ],
    [
      ['neocortex', 'somatosensory', 'layer 2-3'],
      ['Chandelier', 'interneuron'],
    ],
    [['striatum'], ['medium spiny', 'principal cell']],
    [
      ['spinal cord', 'lumbar'],
      ['Motoneuron', 'principal cell'],
    ],
  ],
  ageScale: 'Day',
  ageRange: [14, 90],
  weightRange: [40, 350],
  stains: ['biocytin', 'Golgi', 'neurobiotin', 'lucifer yellow', 'horseradish peroxidase'],
  nameStems: ['C0', 'rat', 'l', 'n40', 'c1', 'RP', 'cell'],
  stems: [3, 10],
};

const fly: SpeciesProfile = {
  archives: ['Chiang', 'Cardona', 'Jefferis', 'Zlatic', 'Hampel'],
  strains: [
    ['Canton-S', 'Drosophila melanogaster'],
    ['w1118', 'Drosophila melanogaster'],
    ['GAL4', 'Drosophila melanogaster'],
    ['Not reported', 'Drosophila melanogaster'],
  ],
  anatomy: [
    [['antennal lobe'], ['projection neuron', 'principal cell']],
    [
      ['mushroom body', 'calyx'],
      ['Kenyon cell', 'principal cell'],
    ],
    [
      ['optic lobe', 'lobula plate'],
      ['tangential', 'principal cell'],
    ],
    [
      ['central complex', 'ellipsoid body'],
      ['ring neuron', 'principal cell'],
    ],
    [
      ['ventral nerve cord', 'abdominal segment'],
      ['motor neuron', 'principal cell'],
    ],
    [['protocerebrum'], ['local', 'interneuron']],
  ],
  ageScale: 'Day',
  ageRange: [1, 14],
  weightRange: null,
  stains: ['green fluorescent protein (GFP)', 'immunostaining', 'Not reported'],
  nameStems: ['Gad1-F-', 'VGlut-F-', 'Cha-F-', 'fru-M-', 'TH-F-'],
  stems: [1, 3],
};

const human: SpeciesProfile = {
  archives: ['Allen Cell Types', 'DeFelipe', 'Jacobs', 'Segev', 'Mansvelder'],
  strains: [['Not reported', 'Homo sapiens']],
  anatomy: [
    [['neocortex', 'temporal', 'layer 2-3'], PYRAMIDAL],
    [['neocortex', 'middle temporal gyrus', 'layer 3'], PYRAMIDAL],
    [['neocortex', 'frontal', 'layer 5'], PYRAMIDAL],
    [
      ['neocortex', 'cingulate', 'layer 5'],
      ['von Economo', 'principal cell'],
    ],
    [['hippocampus', 'CA1'], PYRAMIDAL],
    [
      ['neocortex', 'temporal', 'layer 2-3'],
      ['Basket', 'interneuron'],
    ],
  ],
  ageScale: 'Year',
  ageRange: [18, 85],
  weightRange: null,
  stains: ['biocytin', 'Golgi', 'lucifer yellow'],
  nameStems: ['H17.06.', 'H16.03.', 'HBP', 'Hum', 'MTG'],
  stems: [4, 10],
};

const zebrafish: SpeciesProfile = {
  archives: ['Arrenberg', 'Baier', 'Engert', 'Kubo'],
  strains: [
    ['AB', 'Danio rerio'],
    ['TL', 'Danio rerio'],
    ['nacre', 'Danio rerio'],
    ['Not reported', 'Danio rerio'],
  ],
  anatomy: [
    [
      ['tectum', 'periventricular layer'],
      ['periventricular neuron', 'principal cell'],
    ],
    [
      ['hindbrain', 'rhombomere 4'],
      ['Mauthner', 'principal cell'],
    ],
    [['spinal cord'], ['motor neuron', 'principal cell']],
    [
      ['retina', 'inner nuclear layer'],
      ['bipolar', 'principal cell'],
    ],
  ],
  ageScale: 'Day',
  ageRange: [3, 10],
  weightRange: null,
  stains: ['green fluorescent protein (GFP)', 'immunostaining'],
  nameStems: ['T_', 'zf', 'Tectum', 'HuC_'],
  stems: [1, 4],
};

const monkey: SpeciesProfile = {
  archives: ['Wearne_Hof', 'Luebke', 'Elston', 'Amatrudo'],
  strains: [
    ['Rhesus', 'Macaca mulatta'],
    ['Vervet', 'Chlorocebus aethiops'],
    ['Not reported', null],
  ],
  anatomy: [
    [
      ['neocortex', 'prefrontal', 'layer 3'],
      ['Local projecting', 'pyramidal', 'principal cell'],
    ],
    [['neocortex', 'occipital', 'layer 2-3'], PYRAMIDAL],
    [['neocortex', 'temporal', 'layer 3'], PYRAMIDAL],
    [['hippocampus', 'CA1'], PYRAMIDAL],
  ],
  ageScale: 'Year',
  ageRange: [3, 30],
  weightRange: [3000, 12000],
  stains: ['lucifer yellow', 'biocytin', 'neurobiotin'],
  nameStems: ['cnic_s', 'AMk', 'MK', 'v1_'],
  stems: [4, 9],
};

const worm: SpeciesProfile = {
  archives: ['Openworm', 'Varshney'],
  strains: [['N2', 'Caenorhabditis elegans']],
  anatomy: [
    [['nerve ring'], ['interneuron']],
    [['ventral nerve cord'], ['motor neuron', 'principal cell']],
    [['head'], ['sensory', 'principal cell']],
  ],
  ageScale: 'Day',
  ageRange: [3, 4],
  weightRange: null,
  stains: ['Not reported'],
  nameStems: ['AVA', 'DA', 'VB', 'ASH', 'RIA'],
  stems: [1, 2],
};

const chimpanzee: SpeciesProfile = {
  archives: ['Sherwood', 'Jacobs'],
  strains: [['Not reported', 'Pan troglodytes']],
  anatomy: CORTEX,
  ageScale: 'Year',
  ageRange: [10, 50],
  weightRange: null,
  stains: ['Golgi'],
  nameStems: ['Ch', 'chimp'],
  stems: [4, 9],
};

export const SPECIES_PROFILES: ReadonlyMap<string, SpeciesProfile> = new Map([
  ['mouse', mouse],
  ['rat', rat],
  ['drosophila melanogaster', fly],
  ['human', human],
  ['zebrafish', zebrafish],
  ['monkey', monkey],
  ['C. elegans', worm],
  ['chimpanzee', chimpanzee],
]);

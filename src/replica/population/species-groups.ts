/**
 * Fallback vocabularies for the long tail of species in the recorded partition (giraffe, plover,
 * locust...). Synthesized: grouped by animal class so a cricket is never a neocortical pyramidal cell.
 */
import { SPECIES_PROFILES, type SpeciesProfile } from './species-profiles.js';

type Group = 'mammal' | 'bird' | 'fish' | 'amphibian' | 'reptile' | 'insect' | 'invertebrate';

const GROUP_OF: Record<string, Group> = {
  'semipalmated sandpiper': 'bird',
  'semipalmated plover': 'bird',
  'ruddy turnstone': 'bird',
  'collared plover': 'bird',
  'spotted sandpiper': 'bird',
  'zebra finch': 'bird',
  chicken: 'bird',
  'masked greenling': 'fish',
  "steller's sculpin": 'fish',
  goldfish: 'fish',
  toadfish: 'fish',
  'mormyrid fish': 'fish',
  'pouched lamprey': 'fish',
  'sea lamprey': 'fish',
  'xenopus laevis': 'amphibian',
  'xenopus tropicalis': 'amphibian',
  'rana esculenta': 'amphibian',
  salamander: 'amphibian',
  axolotl: 'amphibian',
  'scinax granulatus': 'amphibian',
  'rhinella arenarum': 'amphibian',
  'ranitomeya imitator': 'amphibian',
  turtle: 'reptile',
  'calango lizard': 'reptile',
  cricket: 'insect',
  blowfly: 'insect',
  locust: 'insect',
  'apis mellifera': 'insect',
  'dragonfly ': 'insect',
  silkmoth: 'insect',
  moth: 'insect',
  grasshopper: 'insect',
  'praying mantis (hierodula membranacea)': 'insect',
  'praying mantis (rhombodera megaera)': 'insect',
  'drosophila sechellia': 'insect',
  'clam worm': 'invertebrate',
  crab: 'invertebrate',
  aplysia: 'invertebrate',
  'spiny lobster': 'invertebrate',
  'crisia eburnea': 'invertebrate',
};

const base = {
  strains: [['Not reported', null]] as const,
  weightRange: null,
  nameStems: ['cell', 'n', 'neuron', 'Series'],
};

const GROUPS: Record<Group, SpeciesProfile> = {
  mammal: {
    ...base,
    archives: ['Jacobs', 'Sherwood', 'Manger'],
    anatomy: [
      [
        ['neocortex', 'frontal', 'layer 2-3'],
        ['pyramidal', 'principal cell'],
      ],
      [
        ['neocortex', 'occipital', 'layer 5'],
        ['pyramidal', 'principal cell'],
      ],
      [
        ['neocortex', 'frontal', 'layer 2-3'],
        ['Aspiny', 'interneuron'],
      ],
      [
        ['cerebellum', 'cerebellar cortex'],
        ['Purkinje', 'principal cell'],
      ],
    ],
    ageScale: 'Year',
    ageRange: [1, 30],
    stains: ['Golgi'],
    stems: [3, 9],
  },
  bird: {
    ...base,
    archives: ['Krilow', 'Mello'],
    anatomy: [
      [['hippocampus'], ['multipolar', 'principal cell']],
      [
        ['song system', 'HVC'],
        ['projection neuron', 'principal cell'],
      ],
    ],
    ageScale: 'Month',
    ageRange: [2, 36],
    stains: ['Golgi', 'biocytin'],
    stems: [3, 7],
  },
  fish: {
    ...base,
    archives: ['Jacobs', 'Bass'],
    anatomy: [
      [['telencephalon'], ['principal cell']],
      [['hindbrain'], ['reticulospinal', 'principal cell']],
    ],
    ageScale: 'Month',
    ageRange: [3, 24],
    stains: ['Golgi', 'neurobiotin'],
    stems: [2, 6],
  },
  amphibian: {
    ...base,
    archives: ['Cline', 'Aizenman'],
    anatomy: [
      [['tectum'], ['principal cell']],
      [['spinal cord'], ['motor neuron', 'principal cell']],
    ],
    ageScale: 'Day',
    ageRange: [5, 60],
    stains: ['green fluorescent protein (GFP)', 'biocytin'],
    stems: [1, 4],
  },
  reptile: {
    ...base,
    archives: ['Rodrigues', 'Jacobs'],
    anatomy: [[['dorsal cortex'], ['pyramidal', 'principal cell']]],
    ageScale: 'Year',
    ageRange: [1, 10],
    stains: ['Golgi'],
    stems: [3, 6],
  },
  insect: {
    ...base,
    archives: ['Borst', 'Gabbiani', 'Homberg'],
    anatomy: [
      [
        ['optic lobe', 'lobula'],
        ['tangential', 'principal cell'],
      ],
      [
        ['ventral nerve cord', 'thoracic ganglion'],
        ['motor neuron', 'principal cell'],
      ],
      [['central complex'], ['columnar', 'principal cell']],
    ],
    ageScale: 'Day',
    ageRange: [1, 30],
    stains: ['neurobiotin', 'Lucifer yellow', 'cobalt'],
    stems: [1, 3],
  },
  invertebrate: {
    ...base,
    archives: ['Marder', 'Jacobs'],
    anatomy: [
      [['ganglion'], ['motor neuron', 'principal cell']],
      [['ganglion'], ['sensory', 'principal cell']],
    ],
    ageScale: 'Month',
    ageRange: [1, 24],
    stains: ['neurobiotin', 'Not reported'],
    stems: [1, 3],
  },
};

/** The vocabulary for a species value as it appears in the recorded partition. */
export function profileFor(species: string): SpeciesProfile {
  return SPECIES_PROFILES.get(species) ?? GROUPS[GROUP_OF[species.toLowerCase()] ?? 'mammal'];
}

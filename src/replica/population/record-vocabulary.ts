/**
 * Value distributions for the fields that do not depend on the species (synthesized). Spellings follow
 * the recorded records: 'Not reported' vs 'Not Reported' differ by field exactly as recorded.
 */

type Weighted<T> = readonly (readonly [T, number])[];

export const GENDERS: Weighted<string> = [
  ['Male', 35],
  ['Female', 15],
  ['Male/Female', 15],
  ['Not reported', 35],
];

export const AGE_CLASSES: Weighted<string> = [
  ['adult', 60],
  ['young', 25],
  ['old', 5],
  ['not reported', 10],
];

export const EXPERIMENT_CONDITIONS: Weighted<readonly string[]> = [
  [['Control'], 85],
  [['Aging'], 4],
  [['Knockout'], 4],
  [['Transgenic'], 4],
  [['Control', 'Ischemia'], 3],
];

export const PROTOCOLS: Weighted<string> = [
  ['in vivo', 40],
  ['in vitro', 48],
  ['culture', 12],
];

export const SLICING_DIRECTIONS: Weighted<string> = [
  ['coronal', 35],
  ['sagittal', 15],
  ['horizontal', 15],
  ['transverse', 10],
  ['parasagittal', 5],
  ['custom', 5],
  ['Not reported', 10],
  ['Not applicable', 5],
];

/** [reconstruction_software, original_format]; `original_format` is `<software>.<ext>`, never a file name. */
export const FORMATS: Weighted<readonly [string, string]> = [
  [['Neurolucida', 'Neurolucida.asc'], 40],
  [['Neurolucida', 'Neurolucida.dat'], 10],
  [['Neurolucida', 'Neurolucida.nrx'], 3],
  [['Neuromantic', 'Neuromantic.swc'], 10],
  [['Vaa3D', 'Vaa3D.swc'], 8],
  [['Imaris', 'Imaris.swc'], 6],
  [['Simple Neurite Tracer', 'SNT.traces'], 5],
  [['Knossos', 'Knossos.nml'], 3],
  [['Eutectic', 'Eutectic.txt'], 3],
  [['Amira', 'Amira.am'], 3],
  // swcgeom special-cases this format (its `_guess_ext`), so the replica keeps a few.
  [['Custom', 'Custom.xml'], 2],
];

export const OBJECTIVE_TYPES: Weighted<string> = [
  ['oil', 35],
  ['water', 20],
  ['dry', 10],
  ['Not reported', 35],
];

export const DOMAINS: Weighted<string> = [
  ['Dendrites, Soma, No Axon', 55],
  ['Dendrites, Soma, Axon', 35],
  ['Dendrites, No Soma, No Axon', 5],
  ['No Dendrites, Soma, Axon', 5],
];

export const ATTRIBUTES: Weighted<string> = [
  ['Diameter, 3D, Angles', 60],
  ['Diameter, 3D, No Angles', 20],
  ['No Diameter, 3D, Angles', 10],
  ['Diameter, 2D, Angles', 10],
];

export const MAGNIFICATIONS: Weighted<string> = [
  ['20', 10],
  ['40', 25],
  ['60', 20],
  ['63', 15],
  ['100', 20],
  ['Not reported', 10],
];

export const SLICING_THICKNESSES: readonly string[] = [
  '50',
  '60',
  '70',
  '100',
  '200',
  '250',
  '300',
  '350',
  '400',
];

export const PHYSICAL_INTEGRITIES: Weighted<string> = [
  ['Dendrites Complete', 35],
  ['Dendrites Moderate', 20],
  ['Dendrites Incomplete', 10],
  ['Dendrites & Axon Complete', 10],
  ['Dendrites Complete, Axon Incomplete', 15],
  ['Dendrites Complete, Axon Moderate', 10],
];

export const JOURNALS: readonly string[] = [
  '10.1523/JNEUROSCI',
  '10.1002/cne',
  '10.1093/cercor',
  '10.1016/j.neuron',
  '10.1038/s41586',
  '10.7554/eLife',
];

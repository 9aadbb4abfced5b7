/** SWC sample types and the neurite groups that morphometry is reported for. */

export const SOMA_TYPE = 1;

export const NEURITE_GROUPS = ['AXON', 'BASAL_DENDRITE', 'APICAL_DENDRITE', 'OTHER'] as const;
export type NeuriteGroup = (typeof NEURITE_GROUPS)[number];

/** 0 AXON, 1 BASAL_DENDRITE, 2 APICAL_DENDRITE, 3 OTHER (undefined 0, custom 5+, non-standard negatives). */
export function neuriteGroupIndex(type: number): number {
  if (type === 2) return 0;
  if (type === 3) return 1;
  if (type === 4) return 2;
  return 3;
}

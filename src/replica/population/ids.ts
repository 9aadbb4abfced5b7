/**
 * Id ranges of synthetic neurons. Real ids stay below 300,000 (286,626 in 2025). Synthetic ids are
 * 650000-650115 (the fidelity fill) and 700000-999998 (generated): above every real id numerically, and
 * after '6167', the last recorded id in string order ('65' > '61', '7' > '6'), which the recorded default
 * select order (string order of neuron_id) requires.
 */

/** Generated neuron i has id GENERATED_ID_BASE + i, so at most 299,999 keep six digits. */
export const GENERATED_ID_BASE = 700_000;
export const MAX_GENERATED_SIZE = 299_999;

/** The fixed fidelity fill: the extra cats first, then the 15 Siegert traces. */
export const FILL_ID_BASE = 650_000;

/** Generated neurons whose files answer 404, a deterministic 0.4 % (cf. the 12 ids swcgeom met). */
export function hasMissingFiles(generatedIndex: number): boolean {
  return generatedIndex % 250 === 17;
}

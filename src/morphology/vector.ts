/** 3-D helpers on interleaved positions. sqrt of a sum, not Math.hypot: hypot guards against overflow
 * that µm coordinates never reach, and costs several times more in the per-sample loops. */

export function length3(x: number, y: number, z: number): number {
  return Math.sqrt(x * x + y * y + z * z);
}

/** Distance between samples a and b of an x, y, z interleaved array. */
export function sampleDistance(p: Float64Array, a: number, b: number): number {
  const dx = (p[a * 3] ?? 0) - (p[b * 3] ?? 0);
  const dy = (p[a * 3 + 1] ?? 0) - (p[b * 3 + 1] ?? 0);
  const dz = (p[a * 3 + 2] ?? 0) - (p[b * 3 + 2] ?? 0);
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

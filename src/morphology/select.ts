/**
 * k-th smallest value in linear expected time (quickselect with a median-of-three pivot), falling back to
 * sorting the remaining range when partitions keep coming out lopsided, so the worst case is n log n.
 */

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] ?? 0;
  a[i] = a[j] ?? 0;
  a[j] = t;
}

/** Moves the k-th smallest of a[left..right] to a[k] (smaller before, larger after) and returns it. */
export function selectInPlace(a: Float64Array, k: number, left = 0, right = a.length - 1): number {
  let l = left;
  let r = right;
  let budget = 2 * Math.ceil(Math.log2(r - l + 2)) + 8;
  while (r > l) {
    if (budget-- === 0) {
      a.subarray(l, r + 1).sort();
      break;
    }
    const mid = l + ((r - l) >> 1);
    if ((a[mid] ?? 0) < (a[l] ?? 0)) swap(a, mid, l);
    if ((a[r] ?? 0) < (a[l] ?? 0)) swap(a, r, l);
    if ((a[r] ?? 0) < (a[mid] ?? 0)) swap(a, r, mid);
    const pivot = a[mid] ?? 0;
    let i = l;
    let j = r;
    while (i <= j) {
      while ((a[i] ?? 0) < pivot) i++;
      while ((a[j] ?? 0) > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else break;
  }
  return a[k] ?? 0;
}

/**
 * Extent of the central 95 % of the values: the largest minus the smallest after leaving out
 * floor(2.5 % of n) values at each end (so below 40 values, the full range). Reorders `values`.
 */
export function centralRange95(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return 0;
  const k = Math.floor(n * 0.025);
  const low = selectInPlace(values, k);
  const high = selectInPlace(values, n - 1 - k, k, n - 1);
  return high - low;
}

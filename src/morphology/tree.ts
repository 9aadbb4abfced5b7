/**
 * The sample tree: columns of typed arrays indexed by sample (file order, duplicates dropped), each
 * sample's parent as an index, children in CSR form and a parent-before-child order. Linking repairs what
 * it must to stay a forest (a duplicate id dropped, a parent that is the sample itself, unknown, or on a
 * cycle cut into a root) and says so; everything else stays as written. Linear in the number of samples.
 */
import type { IssueLog } from './issues.js';
import { cutCycles, dropDuplicates, linkParents } from './link-samples.js';
import type { SampleColumns } from './read-samples.js';

export interface SampleTree {
  size: number;
  /** Sample ids as written. */
  ids: Int32Array;
  types: Int32Array;
  /** x, y, z interleaved, µm. */
  positions: Float64Array;
  radii: Float64Array;
  /** Index of each sample's parent, -1 for a root. */
  parents: Int32Array;
  /** Children of sample i are children[childOffsets[i] .. childOffsets[i + 1]), in file order. */
  childOffsets: Int32Array;
  children: Int32Array;
  /** Every sample once, each after its parent (depth-first, roots in file order). */
  order: Int32Array;
  /** Indices of the roots, in file order. */
  roots: Int32Array;
  /** 1-based file line of each sample. */
  lines: Int32Array;
}

function childrenOf(parents: Int32Array): { childOffsets: Int32Array; children: Int32Array } {
  const n = parents.length;
  const childOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = parents[i] ?? -1;
    if (p !== -1) childOffsets[p + 1] = (childOffsets[p + 1] ?? 0) + 1;
  }
  for (let i = 0; i < n; i++) childOffsets[i + 1] = (childOffsets[i + 1] ?? 0) + (childOffsets[i] ?? 0);
  const fill = childOffsets.slice(0, n);
  const children = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = parents[i] ?? -1;
    if (p === -1) continue;
    const slot = fill[p] ?? 0;
    children[slot] = i;
    fill[p] = slot + 1;
  }
  return { childOffsets, children };
}

function depthFirstOrder(
  roots: Int32Array,
  childOffsets: Int32Array,
  children: Int32Array,
  n: number,
): Int32Array {
  const order = new Int32Array(n);
  const stack = new Int32Array(n);
  let written = 0;
  for (const root of roots) {
    let top = 0;
    stack[top++] = root;
    while (top > 0) {
      const at = stack[--top] ?? 0;
      order[written++] = at;
      // Pushed last-first so the first child is visited first.
      for (let c = (childOffsets[at + 1] ?? 0) - 1; c >= (childOffsets[at] ?? 0); c--)
        stack[top++] = children[c] ?? 0;
    }
  }
  return order;
}

function reportOrdering(columns: SampleColumns, parents: Int32Array, log: IssueLog): void {
  const { ids, lines } = columns;
  let unsorted = 0;
  let firstUnsorted = -1;
  let breaks = 0;
  let firstBreak = -1;
  for (let i = 0; i < columns.count; i++) {
    if ((parents[i] ?? -1) > i) {
      unsorted++;
      if (firstUnsorted === -1) firstUnsorted = i;
    }
    if ((ids[i] ?? 0) !== i + 1) {
      breaks++;
      if (firstBreak === -1) firstBreak = i;
    }
  }
  if (unsorted > 0) {
    const id = ids[firstUnsorted] ?? 0;
    const parentId = ids[parents[firstUnsorted] ?? 0] ?? 0;
    log.add(
      'UNSORTED_IDS',
      () =>
        `${unsorted} sample(s) come before their parent; first: sample ${id} (line ${lines[firstUnsorted]}) before parent ${parentId}`,
      lines[firstUnsorted] ?? null,
      id,
      false,
    );
  }
  if (breaks > 0) {
    const id = ids[firstBreak] ?? 0;
    log.add(
      'NON_SEQUENTIAL_IDS',
      () =>
        `ids are not 1..${columns.count} in file order: ${breaks} sample(s) differ, first sample ${id} at position ${firstBreak + 1} (line ${lines[firstBreak]})`,
      lines[firstBreak] ?? null,
      id,
      false,
    );
  }
}

function reportDeclaredRoots(columns: SampleColumns, log: IssueLog): void {
  let declared = 0;
  let second = -1;
  for (let i = 0; i < columns.count; i++) {
    if ((columns.parentIds[i] ?? -1) >= 0) continue;
    declared++;
    if (declared === 2) second = i;
  }
  if (declared < 2) return;
  const id = columns.ids[second] ?? 0;
  log.add(
    'MULTIPLE_ROOTS',
    () =>
      `${declared} samples have parent -1 (roots); the second is sample ${id} on line ${columns.lines[second]}`,
    columns.lines[second] ?? null,
    id,
    false,
  );
}

export function buildTree(read: SampleColumns, log: IssueLog): SampleTree {
  const { columns, index } = dropDuplicates(read, log);
  reportDeclaredRoots(columns, log);
  const n = columns.count;
  const ids = columns.ids.slice(0, n);
  const lines = columns.lines.slice(0, n);
  const parents = linkParents(columns, index, log);
  cutCycles(parents, ids, lines, log);
  reportOrdering(columns, parents, log);
  const { childOffsets, children } = childrenOf(parents);
  let rootCount = 0;
  for (let i = 0; i < n; i++) if (parents[i] === -1) rootCount++;
  const roots = new Int32Array(rootCount);
  for (let i = 0, r = 0; i < n; i++) if (parents[i] === -1) roots[r++] = i;
  return {
    size: n,
    ids,
    types: columns.types.slice(0, n),
    positions: columns.positions.slice(0, n * 3),
    radii: columns.radii.slice(0, n),
    parents,
    childOffsets,
    children,
    order: depthFirstOrder(roots, childOffsets, children, n),
    roots,
    lines,
  };
}

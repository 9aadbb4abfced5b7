/**
 * Linking samples by id: an id index, duplicate ids dropped (the first wins), parent ids resolved to
 * indices (an unknown or own id becomes a root) and parent cycles cut. Each step is one pass.
 */
import type { IssueLog } from './issues.js';
import type { SampleColumns } from './read-samples.js';

/** Id -> index: a flat table when ids are dense enough (the usual 1..n), a Map otherwise. */
export type IdIndex = { get(id: number): number; set(id: number, index: number): void };

function createIdIndex(ids: Int32Array, count: number): IdIndex {
  let maxId = 0;
  for (let i = 0; i < count; i++) maxId = Math.max(maxId, ids[i] ?? 0);
  if (maxId <= 4 * count + 1024) {
    const table = new Int32Array(maxId + 1).fill(-1);
    return {
      get: (id) => (id >= 0 && id <= maxId ? (table[id] ?? -1) : -1),
      set: (id, index) => {
        table[id] = index;
      },
    };
  }
  const map = new Map<number, number>();
  return { get: (id) => map.get(id) ?? -1, set: (id, index) => map.set(id, index) };
}

/** Drops every sample whose id was already seen (the first one wins) and returns the kept columns. */
export function dropDuplicates(
  columns: SampleColumns,
  log: IssueLog,
): { columns: SampleColumns; index: IdIndex } {
  const { ids, lines } = columns;
  const index = createIdIndex(ids, columns.count);
  let kept = 0;
  for (let i = 0; i < columns.count; i++) {
    const id = ids[i] ?? 0;
    const first = index.get(id);
    if (first !== -1) {
      log.add(
        'DUPLICATE_ID',
        () =>
          `sample id ${id} on line ${lines[i]} was already used on line ${lines[first]}; the later line was dropped`,
        lines[i] ?? null,
        id,
        true,
      );
      continue;
    }
    if (kept !== i) {
      ids[kept] = id;
      columns.types[kept] = columns.types[i] ?? 0;
      columns.positions.copyWithin(kept * 3, i * 3, i * 3 + 3);
      columns.radii[kept] = columns.radii[i] ?? 0;
      columns.parentIds[kept] = columns.parentIds[i] ?? -1;
      lines[kept] = lines[i] ?? 0;
    }
    index.set(id, kept);
    kept++;
  }
  columns.count = kept;
  return { columns, index };
}

export function linkParents(columns: SampleColumns, index: IdIndex, log: IssueLog): Int32Array {
  const n = columns.count;
  const parents = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const parentId = columns.parentIds[i] ?? -1;
    const id = columns.ids[i] ?? 0;
    const line = columns.lines[i] ?? null;
    if (parentId < 0) parents[i] = -1;
    else if (parentId === id) {
      parents[i] = -1;
      log.add(
        'SELF_PARENT',
        () => `sample ${id} (line ${line}) names itself as parent; made a root`,
        line,
        id,
        true,
      );
    } else {
      const p = index.get(parentId);
      parents[i] = p;
      if (p === -1) {
        log.add(
          'UNKNOWN_PARENT',
          () => `sample ${id} (line ${line}) names parent ${parentId}, which is not in the file; made a root`,
          line,
          id,
          true,
        );
      }
    }
  }
  return parents;
}

/** Parent links form a functional graph: walking up from each unvisited sample finds every cycle once.
 * Each cycle is cut at the member that comes first in the file. */
export function cutCycles(parents: Int32Array, ids: Int32Array, lines: Int32Array, log: IssueLog): void {
  const n = parents.length;
  const state = new Uint8Array(n); // 0 unvisited, 1 on the current walk, 2 done
  const walk = new Int32Array(n);
  for (let start = 0; start < n; start++) {
    if (state[start] !== 0) continue;
    let depth = 0;
    let at = start;
    while (at !== -1 && state[at] === 0) {
      state[at] = 1;
      walk[depth++] = at;
      at = parents[at] ?? -1;
    }
    if (at !== -1 && state[at] === 1) {
      let cut = at;
      let members = 0;
      let member = at;
      do {
        if (member < cut) cut = member;
        members++;
        member = parents[member] ?? -1;
      } while (member !== at);
      const id = ids[cut] ?? 0;
      log.add(
        'CYCLIC_PARENT',
        () =>
          `sample ${id} (line ${lines[cut]}) is on a cycle of ${members} parent links; its parent link was cut`,
        lines[cut] ?? null,
        id,
        true,
      );
      parents[cut] = -1;
    }
    for (let k = 0; k < depth; k++) state[walk[k] ?? 0] = 2;
  }
}

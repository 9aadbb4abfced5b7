/**
 * Findings about a linked tree that change no data, after NeuroM's morphology checks: samples not
 * connected to the soma's tree, no soma at all, multifurcations (partition asymmetry and bifurcation
 * angles use the first two children) and compartments of zero length (their angles are undefined).
 */
import type { IssueLog } from './issues.js';
import { SOMA_TYPE } from './neurite-types.js';
import { mainRoot, type Soma } from './soma.js';
import type { SampleTree } from './tree.js';

function reportDisconnected(tree: SampleTree, log: IssueLog): void {
  const main = mainRoot(tree);
  // The depth-first order lists each root's tree contiguously, roots in file order.
  const { order, roots, parents } = tree;
  let at = 0;
  for (const root of roots) {
    const begin = at;
    at++;
    while (at < order.length && parents[order[at] ?? 0] !== -1) at++;
    if (root === main) continue;
    const id = tree.ids[root] ?? 0;
    const line = tree.lines[root] ?? null;
    log.add(
      'DISCONNECTED_SAMPLES',
      () =>
        `${at - begin} sample(s) from sample ${id} (line ${line}) are not connected to the ${tree.types[main] === SOMA_TYPE ? 'soma' : 'first root'}; measured as their own neurite`,
      line,
      id,
      false,
    );
  }
}

function reportShape(tree: SampleTree, log: IssueLog): void {
  const { types, parents, childOffsets, children, positions: p, ids, lines } = tree;
  for (let i = 0; i < tree.size; i++) {
    if (types[i] === SOMA_TYPE) continue;
    let neuriteChildren = 0;
    for (let c = childOffsets[i] ?? 0; c < (childOffsets[i + 1] ?? 0); c++) {
      if (types[children[c] ?? 0] !== SOMA_TYPE) neuriteChildren++;
    }
    if (neuriteChildren > 2) {
      log.add(
        'MULTIFURCATION',
        () =>
          `sample ${ids[i]} (line ${lines[i]}) has ${neuriteChildren} children; asymmetry and angles use the first two`,
        lines[i] ?? null,
        ids[i] ?? null,
        false,
      );
    }
    const parent = parents[i] ?? -1;
    if (
      parent !== -1 &&
      p[i * 3] === p[parent * 3] &&
      p[i * 3 + 1] === p[parent * 3 + 1] &&
      p[i * 3 + 2] === p[parent * 3 + 2]
    ) {
      log.add(
        'ZERO_LENGTH_COMPARTMENT',
        () => `sample ${ids[i]} (line ${lines[i]}) is at the same place as its parent ${ids[parent]}`,
        lines[i] ?? null,
        ids[i] ?? null,
        false,
      );
    }
  }
}

export function checkTree(tree: SampleTree, soma: Soma, log: IssueLog): void {
  if (tree.size > 0 && soma.type === 'NONE') {
    log.add(
      'NO_SOMA',
      'no sample has type 1 (soma); distances are measured from the first root',
      null,
      null,
      false,
    );
  }
  reportDisconnected(tree, log);
  reportShape(tree, log);
}

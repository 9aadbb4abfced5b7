/**
 * The tree of samples already held as numbers (a generator's arrays, say), built, checked and described
 * exactly as parseSwc does after reading a file's lines: same links, repairs, soma and issues.
 */
import { IssueLog, type SwcIssue, type SwcIssueCode } from './issues.js';
import type { MorphologyTree } from './parse-swc.js';
import type { SampleColumns } from './read-samples.js';
import { describeSoma } from './soma.js';
import { buildTree } from './tree.js';
import { checkTree } from './tree-checks.js';

export interface SampleTreeResult {
  tree: MorphologyTree;
  issues: SwcIssue[];
  issueCounts: Partial<Record<SwcIssueCode, number>>;
}

export function treeFromSamples(columns: SampleColumns, log = new IssueLog(100)): SampleTreeResult {
  const sampleTree = buildTree(columns, log);
  const soma = describeSoma(sampleTree);
  checkTree(sampleTree, soma, log);
  return { tree: { ...sampleTree, soma }, issues: log.issues(), issueCounts: log.counts() };
}

/**
 * What an SWC reader found wrong with a file. Codes are stable and switched on; messages are for people.
 * `fixed` is true when the reader changed what it read to reach a consistent tree (skipped a line, dropped
 * a duplicate, cut a parent link) and false when the tree keeps the data as the file wrote it.
 */
export const SWC_ISSUE_CODES = [
  'EMPTY_FILE',
  'NOT_UTF8',
  'MISSING_COLUMNS',
  'EXTRA_COLUMNS',
  'NON_NUMERIC_FIELD',
  'INVALID_ID',
  'NON_POSITIVE_RADIUS',
  'NON_STANDARD_TYPE',
  'DUPLICATE_ID',
  'SELF_PARENT',
  'UNKNOWN_PARENT',
  'CYCLIC_PARENT',
  'MULTIPLE_ROOTS',
  'DISCONNECTED_SAMPLES',
  'NO_SOMA',
  'UNSORTED_IDS',
  'NON_SEQUENTIAL_IDS',
  'MULTIFURCATION',
  'ZERO_LENGTH_COMPARTMENT',
  'TOO_MANY_SAMPLES',
] as const;

export type SwcIssueCode = (typeof SWC_ISSUE_CODES)[number];

export type SwcIssueLevel = 'ERROR' | 'WARNING';

export interface SwcIssue {
  level: SwcIssueLevel;
  code: SwcIssueCode;
  message: string;
  /** 1-based line of the file, or null for a finding about the whole file. */
  line: number | null;
  /** The sample id the finding is about, or null. */
  nodeId: number | null;
  fixed: boolean;
}

/** ERROR: the file breaks the format and the reader had to drop or cut something. WARNING: it reads fine. */
const LEVELS: Record<SwcIssueCode, SwcIssueLevel> = {
  EMPTY_FILE: 'ERROR',
  NOT_UTF8: 'WARNING',
  MISSING_COLUMNS: 'ERROR',
  EXTRA_COLUMNS: 'WARNING',
  NON_NUMERIC_FIELD: 'ERROR',
  INVALID_ID: 'ERROR',
  NON_POSITIVE_RADIUS: 'WARNING',
  NON_STANDARD_TYPE: 'WARNING',
  DUPLICATE_ID: 'ERROR',
  SELF_PARENT: 'ERROR',
  UNKNOWN_PARENT: 'ERROR',
  CYCLIC_PARENT: 'ERROR',
  MULTIPLE_ROOTS: 'WARNING',
  DISCONNECTED_SAMPLES: 'WARNING',
  NO_SOMA: 'WARNING',
  UNSORTED_IDS: 'WARNING',
  NON_SEQUENTIAL_IDS: 'WARNING',
  MULTIFURCATION: 'WARNING',
  ZERO_LENGTH_COMPARTMENT: 'WARNING',
  TOO_MANY_SAMPLES: 'ERROR',
};

export function issueLevel(code: SwcIssueCode): SwcIssueLevel {
  return LEVELS[code];
}

/** Collects issues, keeping at most `maxPerCode` of each code (so a broken 20 MB file gives a short list)
 * while counting all of them. */
export class IssueLog {
  readonly #maxPerCode: number;
  readonly #issues: SwcIssue[] = [];
  readonly #counts = new Map<SwcIssueCode, number>();

  constructor(maxPerCode: number) {
    this.#maxPerCode = maxPerCode;
  }

  /** `message` may be a function, called only when the issue is listed: a file with a problem on each of
   * its million lines costs a million counts, not a million messages. */
  add(
    code: SwcIssueCode,
    message: string | (() => string),
    line: number | null,
    nodeId: number | null,
    fixed: boolean,
  ): void {
    const count = (this.#counts.get(code) ?? 0) + 1;
    this.#counts.set(code, count);
    if (count > this.#maxPerCode) return;
    const text = typeof message === 'string' ? message : message();
    this.#issues.push({ level: LEVELS[code], code, message: text, line, nodeId, fixed });
  }

  issues(): SwcIssue[] {
    return this.#issues;
  }

  /** Every code seen, with how many times (listed or not), in SWC_ISSUE_CODES order. */
  counts(): Partial<Record<SwcIssueCode, number>> {
    const out: Partial<Record<SwcIssueCode, number>> = {};
    for (const code of SWC_ISSUE_CODES) {
      const n = this.#counts.get(code);
      if (n !== undefined) out[code] = n;
    }
    return out;
  }
}

/**
 * parseSwc: SWC bytes as NeuroMorpho serves them (a BOM, `#` headers, LF/CRLF/CR mixed, leading spaces,
 * tabs, extra columns, bytes that are not UTF-8) to the tree it could build and every issue found. It never
 * throws on bad data. Time and memory are linear in the size of the file.
 */
import { IssueLog, type SwcIssue, type SwcIssueCode } from './issues.js';
import { scanSamples } from './read-samples.js';
import type { Soma } from './soma.js';
import {
  contentStart,
  createTextDecoder,
  firstNonAscii,
  isValidUtf8,
  type SwcEncoding,
} from './text-encoding.js';
import type { SampleTree } from './tree.js';
import { treeFromSamples } from './tree-from-samples.js';

export interface MorphologyTree extends SampleTree {
  soma: Soma;
}

export interface ParsedSwc {
  tree: MorphologyTree;
  /** At most `maxIssuesPerCode` of each code, in the order found. */
  issues: SwcIssue[];
  /** How many issues of each code were found, listed or not. */
  issueCounts: Partial<Record<SwcIssueCode, number>>;
  /** The `#` lines, in file order, as written (without the line break). */
  header: string[];
  /** How the header text was decoded: latin1 when the bytes are not valid UTF-8. */
  encoding: SwcEncoding;
  /** Lines that hold a sample (valid or not). */
  sampleLines: number;
}

export interface ParseSwcOptions {
  /** @default 100 */
  maxIssuesPerCode?: number;
  /** Reading stops after this many samples, with a TOO_MANY_SAMPLES error. @default Infinity */
  maxSamples?: number;
}

function chooseEncoding(bytes: Uint8Array, nonAsciiLines: number[], log: IssueLog): SwcEncoding {
  for (let k = 0; k < nonAsciiLines.length; k += 3) {
    const start = nonAsciiLines[k] ?? 0;
    const end = nonAsciiLines[k + 1] ?? 0;
    if (firstNonAscii(bytes, start, end) === -1 || isValidUtf8(bytes.subarray(start, end))) continue;
    const line = nonAsciiLines[k + 2] ?? null;
    log.add('NOT_UTF8', `line ${line} is not valid UTF-8; the text was read as latin1`, line, null, true);
    return 'latin1';
  }
  return 'utf-8';
}

export function parseSwc(input: Uint8Array | string, options: ParseSwcOptions = {}): ParsedSwc {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const log = new IssueLog(options.maxIssuesPerCode ?? 100);
  const start = contentStart(bytes);
  const scanned = scanSamples(bytes, start, log, options.maxSamples ?? Number.POSITIVE_INFINITY);
  const encoding = chooseEncoding(bytes, scanned.nonAsciiLines, log);
  const decode = createTextDecoder(encoding);
  const header: string[] = [];
  for (let k = 0; k < scanned.headerSpans.length; k += 2) {
    header.push(decode(bytes, scanned.headerSpans[k] ?? 0, scanned.headerSpans[k + 1] ?? 0));
  }
  if (scanned.sampleLines === 0) log.add('EMPTY_FILE', 'the file holds no sample lines', null, null, false);
  const { tree, issues, issueCounts } = treeFromSamples(scanned.columns, log);
  return {
    tree,
    issues,
    issueCounts,
    header,
    encoding,
    sampleLines: scanned.sampleLines,
  };
}

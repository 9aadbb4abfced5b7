/**
 * The line scanner: SWC bytes to columns of sample values, plus the spans of header lines. One pass over
 * the bytes, no string per line or field. Checks what one line can show on its own; links between lines
 * (ids, parents) are tree.ts's job.
 */
import type { IssueLog } from './issues.js';
import { parseDecimal } from './parse-number.js';

/** Sample values in file order, as read; `count` of each array is in use. */
export interface SampleColumns {
  count: number;
  ids: Int32Array;
  types: Int32Array;
  /** x, y, z interleaved. */
  positions: Float64Array;
  radii: Float64Array;
  /** As written (any integer; negative means root). */
  parentIds: Float64Array;
  /** 1-based line of each sample. */
  lines: Int32Array;
}

export interface ScannedFile {
  columns: SampleColumns;
  /** [start, end) byte offsets of each `#` line (from the `#`, end of line excluded). */
  headerSpans: number[];
  /** [start, end, line] of each line holding a byte >= 0x80 (the only lines that can break UTF-8). */
  nonAsciiLines: number[];
  sampleLines: number;
  /** True when reading stopped at `maxSamples`. */
  truncated: boolean;
}

const FIELD_NAMES = ['id', 'type', 'x', 'y', 'z', 'radius', 'parent'] as const;
const INT32_MAX = 2 ** 31 - 1;
const TOKEN_SLOTS = 8;
/** Standard SWC types: 0 undefined, 1 soma, 2 axon, 3 basal dendrite, 4 apical dendrite, 5-7 fork/end/custom. */
const MAX_STANDARD_TYPE = 7;

function createColumns(capacity: number): SampleColumns {
  return {
    count: 0,
    ids: new Int32Array(capacity),
    types: new Int32Array(capacity),
    positions: new Float64Array(capacity * 3),
    radii: new Float64Array(capacity),
    parentIds: new Float64Array(capacity),
    lines: new Int32Array(capacity),
  };
}

function grow(columns: SampleColumns): SampleColumns {
  const next = createColumns(Math.max(16, columns.ids.length * 2));
  next.count = columns.count;
  next.ids.set(columns.ids);
  next.types.set(columns.types);
  next.positions.set(columns.positions);
  next.radii.set(columns.radii);
  next.parentIds.set(columns.parentIds);
  next.lines.set(columns.lines);
  return next;
}

/** Line breaks (LF) bound the number of samples for all but lone-CR files, which grow the arrays. */
function countLineFeeds(bytes: Uint8Array, start: number): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a, start); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count++;
  return count;
}

function quote(bytes: Uint8Array, start: number, end: number): string {
  const shown = bytes.subarray(start, Math.min(end, start + 32));
  return `${JSON.stringify(String.fromCharCode(...shown))}${end - start > 32 ? '...' : ''}`;
}

export function scanSamples(
  bytes: Uint8Array,
  start: number,
  log: IssueLog,
  maxSamples: number,
): ScannedFile {
  let columns = createColumns(Math.min(countLineFeeds(bytes, start) + 1, maxSamples + 1));
  const headerSpans: number[] = [];
  const nonAsciiLines: number[] = [];
  const tokens = new Int32Array(TOKEN_SLOTS * 2);
  const values = new Float64Array(7);
  const length = bytes.length;
  let sampleLines = 0;
  let truncated = false;
  let line = 0;
  let i = start;

  while (i < length && !truncated) {
    line++;
    const lineStart = i;
    let b = bytes[i] ?? 0;
    while (i < length && b !== 0x0a && b !== 0x0d && b <= 0x20) b = bytes[++i] ?? 0;
    let nonAscii = false;
    let tokenCount = 0;
    if (b === 0x23) {
      const hashAt = i;
      while (i < length && b !== 0x0a && b !== 0x0d) {
        if (b >= 0x80) nonAscii = true;
        b = bytes[++i] ?? 0;
      }
      let end = i;
      while (end > hashAt && (bytes[end - 1] ?? 0) <= 0x20) end--;
      headerSpans.push(hashAt, end);
    } else {
      while (i < length && b !== 0x0a && b !== 0x0d) {
        const tokenStart = i;
        while (i < length && b > 0x20 && b !== 0x23) {
          if (b >= 0x80) nonAscii = true;
          b = bytes[++i] ?? 0;
        }
        if (tokenCount < TOKEN_SLOTS) {
          tokens[tokenCount * 2] = tokenStart;
          tokens[tokenCount * 2 + 1] = i;
        }
        tokenCount++;
        while (i < length && b !== 0x0a && b !== 0x0d && b <= 0x20) b = bytes[++i] ?? 0;
        if (b === 0x23) {
          // An inline comment runs to the end of the line.
          while (i < length && b !== 0x0a && b !== 0x0d) {
            if (b >= 0x80) nonAscii = true;
            b = bytes[++i] ?? 0;
          }
        }
      }
    }
    if (nonAscii) nonAsciiLines.push(lineStart, i, line);
    if (i < length) i += b === 0x0d && bytes[i + 1] === 0x0a ? 2 : 1;
    if (tokenCount === 0) continue;

    sampleLines++;
    if (tokenCount < 7) {
      log.add(
        'MISSING_COLUMNS',
        () =>
          `line ${line} has ${tokenCount} of the 7 columns (id type x y z radius parent); the line was skipped`,
        line,
        null,
        true,
      );
      continue;
    }
    let bad = -1;
    for (let f = 0; f < 7; f++) {
      const value = parseDecimal(bytes, tokens[f * 2] ?? 0, tokens[f * 2 + 1] ?? 0);
      values[f] = value;
      if (bad === -1 && (!Number.isFinite(value) || ((f <= 1 || f === 6) && !Number.isInteger(value))))
        bad = f;
    }
    const id = values[0] ?? 0;
    if (bad !== -1) {
      const field = FIELD_NAMES[bad] ?? 'field';
      const what = bad <= 1 || bad === 6 ? 'an integer' : 'a finite number';
      const [from, to] = [tokens[bad * 2] ?? 0, tokens[bad * 2 + 1] ?? 0];
      log.add(
        'NON_NUMERIC_FIELD',
        () => `line ${line}: ${field} is ${quote(bytes, from, to)}, not ${what}; the line was skipped`,
        line,
        bad === 0 || !Number.isInteger(id) ? null : id,
        true,
      );
      continue;
    }
    if (id < 0 || id > INT32_MAX) {
      log.add(
        'INVALID_ID',
        () => `line ${line}: id ${id} is outside 0..${INT32_MAX}; the line was skipped`,
        line,
        null,
        true,
      );
      continue;
    }
    if (columns.count >= maxSamples) {
      truncated = true;
      log.add(
        'TOO_MANY_SAMPLES',
        () => `the file has more than ${maxSamples} samples; reading stopped at line ${line}`,
        line,
        null,
        false,
      );
      break;
    }
    if (tokenCount > 7) {
      const columns = tokenCount;
      log.add(
        'EXTRA_COLUMNS',
        () => `line ${line} has ${columns} columns; those after the 7th were ignored`,
        line,
        id,
        true,
      );
    }

    const type = Math.max(-INT32_MAX, Math.min(INT32_MAX, values[1] ?? 0));
    if (type < 0 || type > MAX_STANDARD_TYPE) {
      log.add(
        'NON_STANDARD_TYPE',
        () =>
          `sample ${id} (line ${line}) has type ${values[1]}, outside the standard 0..${MAX_STANDARD_TYPE}; measured as "other"`,
        line,
        id,
        false,
      );
    }
    const radius = values[5] ?? 0;
    if (!(radius > 0)) {
      log.add(
        'NON_POSITIVE_RADIUS',
        () => `sample ${id} (line ${line}) has radius ${radius}; kept as written`,
        line,
        id,
        false,
      );
    }
    if (columns.count === columns.ids.length) columns = grow(columns);
    const n = columns.count++;
    columns.ids[n] = id;
    columns.types[n] = type;
    columns.positions[n * 3] = values[2] ?? 0;
    columns.positions[n * 3 + 1] = values[3] ?? 0;
    columns.positions[n * 3 + 2] = values[4] ?? 0;
    columns.radii[n] = radius;
    columns.parentIds[n] = values[6] ?? -1;
    columns.lines[n] = line;
  }
  return { columns, headerSpans, nonAsciiLines, sampleLines, truncated };
}

import { describe, expect, it } from 'vitest';
import {
  issueLevel,
  type ParsedSwc,
  parseSwc,
  SWC_ISSUE_CODES,
  type SwcIssueCode,
} from '../../../src/morphology/index.js';

const lines = (...rows: string[]) => text(rows);
const text = (rows: string[]) => `${rows.join('\n')}\n`;
const SOMA = '1 1 0 0 0 5 -1';

interface Case {
  code: SwcIssueCode;
  input: string | Uint8Array;
  options?: { maxSamples?: number };
  /** What the reported issue says (line, node, fixed) and what the tree looks like afterwards. */
  expect: (parsed: ParsedSwc) => void;
}

const CASES: Case[] = [
  {
    code: 'EMPTY_FILE',
    input: lines('# only a header', '', '   '),
    expect: (p) => {
      expect(p.tree.size).toBe(0);
      expect(p.header).toEqual(['# only a header']);
    },
  },
  {
    code: 'NOT_UTF8',
    input: Buffer.concat([
      Buffer.from('# caf\xe9 (latin1)\n', 'latin1'),
      Buffer.from(lines(SOMA, '2 3 10 0 0 1 1')),
    ]),
    expect: (p) => {
      expect(p.encoding).toBe('latin1');
      expect(p.header).toEqual(['# café (latin1)']);
      expect(p.issues[0]).toMatchObject({ line: 1, fixed: true });
      expect(p.tree.size).toBe(2);
    },
  },
  {
    code: 'MISSING_COLUMNS',
    input: lines(SOMA, '2 3 10 0 0 1'),
    expect: (p) => {
      expect(p.issues[0]).toMatchObject({ line: 2, nodeId: null, fixed: true });
      expect(p.tree.size).toBe(1);
    },
  },
  {
    code: 'EXTRA_COLUMNS',
    input: lines(SOMA, '2 3 10 0 0 1 1 0.5 extra'),
    expect: (p) => {
      expect(p.issues[0]).toMatchObject({ line: 2, nodeId: 2, fixed: true });
      expect(Array.from(p.tree.parents)).toEqual([-1, 0]);
    },
  },
  {
    code: 'NON_NUMERIC_FIELD',
    input: lines(SOMA, '2 3 ten 0 0 1 1', '3 3.5 10 0 0 1 1', '4 3 10 0 0 nan 1', '5 3 10 0 0 1 1'),
    expect: (p) => {
      expect(p.issues.map((i) => [i.line, i.nodeId])).toEqual([
        [2, 2],
        [3, 3],
        [4, 4],
      ]);
      expect(p.issues[0]?.message).toContain('"ten"');
      expect(Array.from(p.tree.ids)).toEqual([1, 5]);
    },
  },
  {
    code: 'INVALID_ID',
    input: lines(SOMA, '-2 3 10 0 0 1 1', '3000000000 3 10 0 0 1 1'),
    expect: (p) => {
      expect(p.issues.map((i) => i.line)).toEqual([2, 3]);
      expect(p.tree.size).toBe(1);
    },
  },
  {
    code: 'NON_POSITIVE_RADIUS',
    input: lines(SOMA, '2 3 10 0 0 0 1', '3 3 20 0 0 -1 2'),
    expect: (p) => {
      expect(p.issues.map((i) => [i.nodeId, i.fixed])).toEqual([
        [2, false],
        [3, false],
      ]);
      expect(Array.from(p.tree.radii)).toEqual([5, 0, -1]);
    },
  },
  {
    code: 'NON_STANDARD_TYPE',
    input: lines(SOMA, '2 -1 10 0 0 1 1', '3 12 20 0 0 1 2', '4 7 30 0 0 1 3'),
    expect: (p) => {
      expect(p.issues.map((i) => i.nodeId)).toEqual([2, 3]);
      expect(Array.from(p.tree.types)).toEqual([1, -1, 12, 7]);
    },
  },
  {
    code: 'DUPLICATE_ID',
    input: lines(SOMA, '2 3 10 0 0 1 1', '2 3 99 0 0 1 1', '3 3 20 0 0 1 2'),
    expect: (p) => {
      expect(p.issues[0]).toMatchObject({ line: 3, nodeId: 2, fixed: true });
      expect(Array.from(p.tree.ids)).toEqual([1, 2, 3]);
      expect(p.tree.positions[3]).toBe(10);
    },
  },
  {
    code: 'SELF_PARENT',
    input: lines(SOMA, '2 3 10 0 0 1 1', '3 3 20 0 0 1 3'),
    expect: (p) => {
      expect(p.issues[0]).toMatchObject({ line: 3, nodeId: 3, fixed: true });
      expect(Array.from(p.tree.parents)).toEqual([-1, 0, -1]);
    },
  },
  {
    code: 'UNKNOWN_PARENT',
    input: lines(SOMA, '2 3 10 0 0 1 1', '3 3 20 0 0 1 99'),
    expect: (p) => {
      expect(p.issues[0]).toMatchObject({ line: 3, nodeId: 3, fixed: true });
      expect(p.issues[0]?.message).toContain('99');
      expect(Array.from(p.tree.parents)).toEqual([-1, 0, -1]);
    },
  },
  {
    code: 'CYCLIC_PARENT',
    input: lines(SOMA, '2 3 10 0 0 1 1', '3 3 20 0 0 1 5', '4 3 30 0 0 1 3', '5 3 40 0 0 1 4'),
    expect: (p) => {
      // The cycle 3 -> 5 -> 4 -> 3 is cut at its first sample in the file.
      expect(p.issues[0]).toMatchObject({ line: 3, nodeId: 3, fixed: true });
      expect(p.issues[0]?.message).toContain('3 parent links');
      expect(Array.from(p.tree.parents)).toEqual([-1, 0, -1, 2, 3]);
      expect(p.tree.order.length).toBe(5);
    },
  },
  {
    code: 'MULTIPLE_ROOTS',
    input: lines(SOMA, '2 3 10 0 0 1 1', '3 2 -10 0 0 1 -1', '4 2 -20 0 0 1 3'),
    expect: (p) => {
      expect(p.issues[0]).toMatchObject({ line: 3, nodeId: 3, fixed: false });
      expect(Array.from(p.tree.roots)).toEqual([0, 2]);
    },
  },
  {
    code: 'DISCONNECTED_SAMPLES',
    input: lines(SOMA, '2 3 10 0 0 1 1', '3 2 -10 0 0 1 77', '4 2 -20 0 0 1 3', '5 2 -30 0 0 1 4'),
    expect: (p) => {
      expect(p.issues[0]).toMatchObject({ line: 3, nodeId: 3, fixed: false });
      expect(p.issues[0]?.message).toMatch(/^3 sample\(s\) from sample 3/);
    },
  },
  {
    code: 'NO_SOMA',
    input: lines('1 3 0 0 0 1 -1', '2 3 10 0 0 1 1'),
    expect: (p) => {
      expect(p.tree.soma).toMatchObject({ type: 'NONE', surface: null, centre: [0, 0, 0] });
      expect(p.issues[0]).toMatchObject({ line: null, nodeId: null, fixed: false });
    },
  },
  {
    code: 'UNSORTED_IDS',
    input: lines(SOMA, '3 3 20 0 0 1 2', '2 3 10 0 0 1 1'),
    expect: (p) => {
      expect(p.issues[0]).toMatchObject({ line: 2, nodeId: 3, fixed: false });
      expect(Array.from(p.tree.order)).toEqual([0, 2, 1]);
    },
  },
  {
    code: 'NON_SEQUENTIAL_IDS',
    input: lines(SOMA, '2 3 10 0 0 1 1', '7 3 20 0 0 1 2'),
    expect: (p) => {
      expect(p.issues[0]).toMatchObject({ line: 3, nodeId: 7, fixed: false });
      expect(Array.from(p.tree.parents)).toEqual([-1, 0, 1]);
    },
  },
  {
    code: 'MULTIFURCATION',
    input: lines(SOMA, '2 3 10 0 0 1 1', '3 3 20 0 0 1 2', '4 3 10 10 0 1 2', '5 3 10 -10 0 1 2'),
    expect: (p) => {
      expect(p.issues[0]).toMatchObject({ line: 2, nodeId: 2, fixed: false });
      expect(p.issues[0]?.message).toContain('3 children');
    },
  },
  {
    code: 'ZERO_LENGTH_COMPARTMENT',
    input: lines(SOMA, '2 3 10 0 0 1 1', '3 3 10 0 0 1 2'),
    expect: (p) => {
      expect(p.issues[0]).toMatchObject({ line: 3, nodeId: 3, fixed: false });
    },
  },
  {
    code: 'TOO_MANY_SAMPLES',
    input: lines(SOMA, '2 3 10 0 0 1 1', '3 3 20 0 0 1 2'),
    options: { maxSamples: 2 },
    expect: (p) => {
      expect(p.issues[0]).toMatchObject({ line: 3, fixed: false });
      expect(p.tree.size).toBe(2);
    },
  },
];

describe('crafted broken files', () => {
  it('cover every issue code', () => {
    expect(CASES.map((c) => c.code).sort()).toEqual([...SWC_ISSUE_CODES].sort());
  });

  it.each(CASES)('$code', ({ code, input, options, expect: check }) => {
    const parsed = parseSwc(input, options);
    expect(parsed.issues.length).toBeGreaterThan(0);
    // Each case breaks one rule; some repairs bring a consequence (a cut parent leaves disconnected samples).
    const consequences: Partial<Record<SwcIssueCode, SwcIssueCode[]>> = {
      CYCLIC_PARENT: ['DISCONNECTED_SAMPLES'],
      DISCONNECTED_SAMPLES: ['UNKNOWN_PARENT'],
      MULTIPLE_ROOTS: ['DISCONNECTED_SAMPLES'],
      // The kept ids (1, 5) are no longer 1..n.
      NON_NUMERIC_FIELD: ['NON_SEQUENTIAL_IDS'],
      SELF_PARENT: ['DISCONNECTED_SAMPLES'],
      UNKNOWN_PARENT: ['DISCONNECTED_SAMPLES'],
      UNSORTED_IDS: ['NON_SEQUENTIAL_IDS'],
    };
    const allowed = new Set([code, ...(consequences[code] ?? [])]);
    expect(parsed.issues.filter((i) => !allowed.has(i.code))).toEqual([]);
    const own = parsed.issues.filter((i) => i.code === code);
    expect(own.length).toBeGreaterThan(0);
    for (const issue of own) {
      expect(issue.level).toBe(issueLevel(code));
      expect(issue.message.length).toBeGreaterThan(10);
    }
    check({ ...parsed, issues: own });
  });

  it('lists at most maxIssuesPerCode of a code but counts them all', () => {
    const bad = Array.from({ length: 500 }, (_, k) => `${k + 2} 3 x 0 0 1 1`);
    const parsed = parseSwc(text([SOMA, ...bad]), { maxIssuesPerCode: 20 });
    expect(parsed.issues.length).toBe(20);
    expect(parsed.issueCounts).toEqual({ NON_NUMERIC_FIELD: 500 });
  });
});

describe('what NeuroMorpho files look like on the wire', () => {
  const plain = lines('# header', SOMA, '2 3 10.5 -2 3e-1 1.25 1', '3 4 -1 20 0 0.75 1');
  const reference = parseSwc(plain);
  const same = (parsed: ParsedSwc) => {
    expect(parsed.issues).toEqual([]);
    expect(Array.from(parsed.tree.ids)).toEqual(Array.from(reference.tree.ids));
    expect(Array.from(parsed.tree.positions)).toEqual(Array.from(reference.tree.positions));
    expect(Array.from(parsed.tree.radii)).toEqual(Array.from(reference.tree.radii));
    expect(Array.from(parsed.tree.parents)).toEqual(Array.from(reference.tree.parents));
  };

  it('reads plain text', () => {
    expect(reference.issues).toEqual([]);
    expect(Array.from(reference.tree.positions)).toEqual([0, 0, 0, 10.5, -2, 0.3, -1, 20, 0]);
  });
  it('a UTF-8 byte order mark', () =>
    same(parseSwc(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plain)]))));
  it('CRLF, LF and lone CR mixed', () => {
    const mixed = '# header\r\n1 1 0 0 0 5 -1\r2 3 10.5 -2 3e-1 1.25 1\n3 4 -1 20 0 0.75 1\r\n';
    const parsed = parseSwc(mixed);
    same(parsed);
    expect(Array.from(parsed.tree.lines)).toEqual([2, 3, 4]);
  });
  it('leading spaces, tabs and trailing blanks', () =>
    same(parseSwc('# header\n  1\t1 0 0 0 5 -1  \n\t2 3  10.5\t-2 3e-1 1.25 1\t\n 3 4 -1 20 0 0.75 1 \n')));
  it('integers written as decimals and a + sign', () =>
    same(
      parseSwc(lines('# header', '1.0 1 0 0 0 5 -1', '2 3.0 +10.5 -2 0.3 1.25 1.0', '3 4 -1 20 0 0.75 1')),
    ));
  it('an inline comment after the columns', () =>
    same(
      parseSwc(lines('# header', `${SOMA} # the soma`, '2 3 10.5 -2 3e-1 1.25 1#', '3 4 -1 20 0 0.75 1')),
    ));
  it('no line break at the end, blank lines between', () =>
    same(parseSwc('# header\n\n1 1 0 0 0 5 -1\n\n   \n2 3 10.5 -2 3e-1 1.25 1\n3 4 -1 20 0 0.75 1')));
  it('UTF-8 text in the header is no issue', () => {
    const parsed = parseSwc(lines('# shrinkage 5 % · 25 µm', SOMA));
    expect(parsed.issues).toEqual([]);
    expect(parsed.header).toEqual(['# shrinkage 5 % · 25 µm']);
  });
});

describe('robustness', () => {
  it('never throws on arbitrary bytes', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = Buffer.from('0123456789 -.\n\r\t#eE+1-1 x\u00e9');
    for (let k = 0; k < 300; k++) {
      const bytes = new Uint8Array(next() % 400);
      for (let i = 0; i < bytes.length; i++) {
        bytes[i] = k % 3 === 0 ? next() % 256 : (alphabet[next() % alphabet.length] ?? 32);
      }
      expect(() => parseSwc(bytes)).not.toThrow();
    }
  });

  it('links a 200 000-sample unbranched chain, written in reverse, without recursion', () => {
    const n = 200_000;
    const rows = [SOMA];
    for (let id = n; id >= 2; id--) rows.push(`${id} 3 ${id} 0 0 1 ${id - 1}`);
    const parsed = parseSwc(text(rows));
    expect(parsed.tree.size).toBe(n);
    expect(parsed.issueCounts).toEqual({ UNSORTED_IDS: 1, NON_SEQUENTIAL_IDS: 1 });
    expect(parsed.tree.order[n - 1]).toBe(1);
  });

  it('cuts a 100 000-sample cycle once', () => {
    const n = 100_000;
    const rows = [SOMA, '2 3 1 0 0 1 1'];
    for (let id = 3; id <= n; id++) rows.push(`${id} 3 ${id} 0 0 1 ${id === 3 ? n : id - 1}`);
    const parsed = parseSwc(text(rows));
    expect(parsed.issueCounts.CYCLIC_PARENT).toBe(1);
    expect(parsed.tree.order.length).toBe(n);
  });
});

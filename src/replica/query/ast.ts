/** The parsed form of a select query (`q`, each `fq`, or a POST body). */

export type QueryNode =
  | { kind: 'all' }
  | { kind: 'and'; nodes: QueryNode[] }
  | { kind: 'or'; nodes: QueryNode[] }
  | { kind: 'not'; node: QueryNode }
  /** `field:v1,v2`: any alternative matches. */
  | { kind: 'term'; field: string; values: ValueItem[] }
  | {
      kind: 'range';
      field: string;
      lower: string | null;
      upper: string | null;
      includeLower: boolean;
      includeUpper: boolean;
    };

/** A literal value, or a pattern with `*` / `?` wildcards (as a regular-expression source). */
export type ValueItem = { kind: 'text'; text: string } | { kind: 'glob'; source: string };

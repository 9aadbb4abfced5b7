/**
 * Upstream values the gateway cannot pass on as sent. They are reported (and logged by the caller),
 * never thrown: one odd value nulls one field, one odd record leaves its page, and the rest of the
 * answer still arrives.
 */
export interface PayloadIssue {
  /**
   * `COUNT_OUT_OF_RANGE`: a count outside GraphQL's 32-bit Int, answered as null (a measure), or as the
   * nearest Int where the schema promises one (page totals, field counts).
   * `RECORD_DROPPED`: a record of a page that cannot be mapped (no usable id or name), left out.
   */
  code: 'COUNT_OUT_OF_RANGE' | 'RECORD_DROPPED';
  /** The neuron the value belongs to, when known. */
  neuronId: number | null;
  /** The upstream key at fault, when there is one. */
  field: string | null;
  message: string;
}

export type PayloadIssueReporter = (issue: PayloadIssue) => void;

/** For callers that do not log: issues are dropped, values are still nulled. */
export const ignorePayloadIssues: PayloadIssueReporter = () => undefined;

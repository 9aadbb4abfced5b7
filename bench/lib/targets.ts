/** A benchmark target, with what was measured and whether it was met (null: not measured this run). */
export interface Target {
  id: string;
  description: string;
  /** The rule, in words, e.g. ">= 0.70 of the bare-yoga ceiling". */
  threshold: string;
  /** What the run measured, in words. */
  measured: string;
  met: boolean | null;
}

export function verdict(met: boolean | null): string {
  if (met === null) return 'NOT MEASURED';
  return met ? 'MET' : 'MISSED';
}

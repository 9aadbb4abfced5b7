/** One neuron as the replica holds it: the served record plus what its files are generated from. */
import type { JsonObject } from '../json.js';

/** Parameters of a neuron's generated standard SWC; node, stem and bifurcation counts are exact. */
export interface SwcShape {
  nodes: number;
  stems: number;
  bifs: number;
  /** Total neurite length in µm (segment steps are derived from it). */
  length: number;
  diameter: number;
  somaRadius: number;
  hasAxon: boolean;
  /** Seed of this neuron's geometry. */
  seed: number;
}

/** A Source-Version file whose first row and row count were published (Siegert Trace009). */
export interface PublishedSource {
  firstRow: string;
  rows: number;
}

export interface NeuronEntry {
  id: number;
  name: string;
  archive: string;
  /** Served as is: links already point at the replica. */
  record: JsonObject;
  morphometry: JsonObject;
  shape: SwcShape;
  synthetic: boolean;
  originalFormat: string | null;
  /** Every `/dableFiles` path of this neuron answers 404. */
  filesMissing: boolean;
  /** Real standardized file bytes (fixtures/swc), served instead of a generated file. */
  realSwc: Buffer | undefined;
  publishedSource: PublishedSource | undefined;
}

/** The replica's public types. `replica.ts` re-exports them; other folders code against this shape. */

export interface ReplicaOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Generated population size on top of the recorded records and the fidelity fill (max 299,999). @default 5000 */
  size?: number;
  /** Seed for every generated record, file and fault probability. @default 1 */
  seed?: number;
  /** Folder holding `upstream/` and `swc/`. @default the repository's `fixtures/` folder */
  fixturesDir?: string;
  /** Faults active from the first request. @default [] */
  faults?: FaultRule[];
  /** neuronId -> size in bytes of that neuron's standard SWC, streamed with constant memory. @default {} */
  largeFiles?: Record<number, number>;
  /**
   * Base written into payload links (`_links`, `png_url`) instead of the listening address, e.g. when
   * the replica runs in a container. @default the listening url
   */
  publicUrl?: string;
}

export interface Replica {
  /** Site base, e.g. `http://127.0.0.1:43211`: API at `${url}/api`, files at `${url}/dableFiles`. */
  url: string;
  port: number;
  /** Every request in arrival order (the `/__replica/` control endpoint excluded). */
  log: RequestLogEntry[];
  clearLog(): void;
  count(filter?: { pathPrefix?: string; method?: string }): number;
  faults: { add(rule: FaultRule): void; clear(): void; list(): FaultRule[] };
  population: PopulationSummary;
  /** Closes the server and destroys open sockets (keep-alive ones included). */
  close(): Promise<void>;
}

export interface PopulationSummary {
  /** Every neuron id, ascending. */
  ids: number[];
  /** The 71 recorded neurons. */
  recordedIds: number[];
  /** Every synthetic neuron: the `size` generated ones plus the fixed fidelity fill (101 cats, 15 Siegert). */
  generatedIds: number[];
  /** Neurons whose `/dableFiles` answer 404, like the ones swcgeom reported on the real site. */
  missingFileIds: number[];
}

export interface RequestLogEntry {
  method: string;
  /** Pathname as received (still percent-encoded). */
  path: string;
  /** Path and query as received. */
  url: string;
  query: Record<string, string[]>;
  /** Status sent; 0 while pending or when the socket was reset without an answer. */
  status: number;
  headers: Record<string, string | undefined>;
  /** Arrival time, ms since the epoch. */
  at: number;
}

export interface FaultRule {
  /** Pathname prefix to match, e.g. '/api/neuron/select' or '/dableFiles'. @default every path */
  route?: string;
  /** Answer with this status and a Spring-layout JSON error body. */
  status?: number;
  /** Retry-After header sent with `status`, e.g. '1' or an HTTP date. */
  retryAfter?: string;
  /** Delay added before answering. */
  latencyMs?: number;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Send headers with the full Content-Length, then half the body, then destroy the socket. */
  truncate?: boolean;
  /** Answer 200 with an empty body. */
  emptyBody?: boolean;
  /**
   * Append this many spaces to the body (still valid JSON), produced in 64 KB chunks with constant memory:
   * an answer far larger than any real one.
   */
  padBytes?: number;
  /** Send the body one byte at a time, this many ms apart: an answer that never quite stops. */
  trickleMs?: number;
  /** Leave out Content-Length (the body goes chunked): the client learns the size only by reading it. */
  chunked?: boolean;
  /** Apply to the next N matching requests only. @default every one */
  times?: number;
  /** 0..1, drawn from a PRNG seeded by the replica seed so runs repeat. @default 1 */
  probability?: number;
}

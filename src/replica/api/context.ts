/** What every route handler receives. Built once per replica (no module-level state). */
import type { Fixtures } from '../fixtures.js';
import type { Reply } from '../http/reply.js';
import type { Population } from '../population/population.js';
import type { FieldIndex } from '../query/fields.js';

export interface ApiContext {
  population: Population;
  fixtures: Fixtures;
  /** Site base written into links. */
  base: string;
  seed: number;
  neuronFields: FieldIndex;
  morphometryFields: FieldIndex;
  literatureFields: FieldIndex;
  /** neuronId -> standard SWC size in bytes. */
  largeFiles: ReadonlyMap<number, number>;
  thumbnail(): Buffer;
}

export interface ApiRequest {
  /** GET for HEAD requests too: the server drops the body. */
  method: string;
  /** Pathname as received (percent-encoded), used in error bodies like Spring does. */
  path: string;
  /** Decoded path segments; a trailing slash is dropped. */
  segments: string[];
  params: URLSearchParams;
  body: Buffer;
}

export type Handler = (req: ApiRequest, ctx: ApiContext, params: Record<string, string>) => Reply;

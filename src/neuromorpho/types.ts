/**
 * Typed records mapped once from NeuroMorpho payloads. Field names are the gateway's camelCase;
 * the upstream snake_case is read only in the `toX` mappers.
 */

/** A JSON object exactly as NeuroMorpho (or the replica) sent it. */
export type RawPayload = Record<string, unknown>;

export interface NeuronRecord {
  neuronId: number;
  name: string;
  archive: string | null;
  species: string | null;
  strain: string | null;
  scientificName: string | null;
  gender: string | null;
  ageClassification: string | null;
  ageScale: string | null;
  minAge: number | null;
  maxAge: number | null;
  minWeight: number | null;
  maxWeight: number | null;
  brainRegion: string[];
  cellType: string[];
  experimentCondition: string[];
  stain: string | null;
  protocol: string | null;
  slicingDirection: string | null;
  slicingThickness: number | null;
  reconstructionSoftware: string | null;
  objectiveType: string | null;
  magnification: number | null;
  /** `<software>.<ext>` as NeuroMorpho records it, e.g. `Neurolucida.asc`. */
  originalFormat: string | null;
  domain: string | null;
  attributes: string | null;
  physicalIntegrity: string | null;
  uploadDate: string | null;
  depositionDate: string | null;
  shrinkageReported: string | null;
  shrinkageCorrected: string | null;
  somaSurface: number | null;
  surface: number | null;
  volume: number | null;
  referencePmid: string[];
  referenceDoi: string[];
  note: string | null;
  /** Kept as sent (usually http://). */
  pngUrl: string | null;
  /** The payload as sent; numbers whose value hides their form carry it (see payload-json.ts). */
  raw: RawPayload;
}

/** Counts (nStems, nBifs, nBranch, branchOrder, fragmentation) are null outside GraphQL's 32-bit Int. */
export interface MeasurementRecord {
  neuronId: number;
  neuronName: string | null;
  surface: number | null;
  volume: number | null;
  somaSurface: number | null;
  nStems: number | null;
  nBifs: number | null;
  nBranch: number | null;
  width: number | null;
  height: number | null;
  depth: number | null;
  diameter: number | null;
  length: number | null;
  euclideanDistance: number | null;
  pathDistance: number | null;
  branchOrder: number | null;
  contraction: number | null;
  fragmentation: number | null;
  partitionAsymmetry: number | null;
  pkClassic: number | null;
  bifAmplLocal: number | null;
  bifAmplRemote: number | null;
  fractalDim: number | null;
  /**
   * Every upstream key the reference client does not promote, as sent: neuron_name, the fractal dimension
   * spellings, and alias spellings that lost to an earlier non-null one (null values included).
   */
  extras: RawPayload;
  /** The payload as sent, with neuron_id filled in when it had none (as the reference keeps it). */
  raw: RawPayload;
}

export interface SearchPage<T> {
  items: T[];
  /** Zero-based page index (`page.number`). */
  page: number;
  /** Requested page size as echoed by upstream (`page.size`). */
  size: number;
  totalPages: number;
  totalElements: number;
  /** The effective upstream request URL. */
  queryUrl: string;
}

export type DownloadMode = 'standard' | 'original' | 'both';
export type FileKind = 'standard' | 'original';

export interface FilePlanItem {
  kind: FileKind;
  /** Empty when the item is skipped because no URL can be built. */
  url: string;
  filename: string;
  skip: boolean;
  reason: string | null;
}

/** Typed search filter; each list holds alternatives for one field. */
export interface NeuronFilter {
  species?: readonly string[] | null;
  brainRegion?: readonly string[] | null;
  cellType?: readonly string[] | null;
  archive?: readonly string[] | null;
  originalFormat?: readonly string[] | null;
  stain?: readonly string[] | null;
  ageClassification?: readonly string[] | null;
  gender?: readonly string[] | null;
  /** Raw `q` clauses, passed through verbatim. */
  rawQ?: readonly string[] | null;
  /** Raw `fq` clauses, passed through verbatim. */
  rawFq?: readonly string[] | null;
}

/** The three bases every NeuroMorpho URL is built from; derived from one site base. */
export interface SiteUrls {
  /** e.g. `https://neuromorpho.org` (no trailing slash). */
  site: string;
  /** `{site}/api` */
  api: string;
  /** `{site}/dableFiles` */
  files: string;
  /** `{site}/images` */
  images: string;
}

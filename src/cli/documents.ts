/**
 * The GraphQL the command line sends, in one place, with the shapes of their answers. Plain strings (no
 * codegen): the command line is a client of the published schema, as any lab script is.
 */

export type DatasetStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';
export const FINAL_STATUSES: ReadonlySet<string> = new Set<DatasetStatus>(['DONE', 'FAILED', 'CANCELLED']);

export interface CodedError {
  code: string;
  message: string;
}

export interface DatasetView {
  id: string;
  name: string;
  status: DatasetStatus;
  total: number;
  done: number;
  skipped: number;
  failed: number;
  bytes: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  etaSeconds: number | null;
  error: CodedError | null;
  folder: string | null;
  manifestCsvUrl: string;
  manifestJsonUrl: string;
  zipUrl: string;
}

export interface DatasetFileView {
  kind: string;
  filename: string;
  relativePath: string;
  path: string | null;
  bytes: number | null;
  sha256: string | null;
}

export interface DatasetItemView {
  neuronId: number;
  status: 'PENDING' | 'DONE' | 'SKIPPED' | 'FAILED';
  error: CodedError | null;
  neuron: { name: string };
  files: DatasetFileView[];
}

const DATASET_FIELDS = `
  id name status total done skipped failed bytes createdAt startedAt finishedAt etaSeconds
  error { code message }
  folder manifestCsvUrl manifestJsonUrl zipUrl`;

export const CREATE_DATASET = `mutation CliCreateDataset($input: CreateDatasetInput!) {
  createDataset(input: $input) {${DATASET_FIELDS} }
}`;

export const DATASET = `query CliDataset($id: ID!) {
  dataset(id: $id) {${DATASET_FIELDS} }
}`;

export const DATASET_ITEMS = `query CliDatasetItems($id: ID!, $first: Int!, $after: String) {
  dataset(id: $id) {
    items(first: $first, after: $after) {
      items {
        neuronId status error { code message } neuron { name }
        files { kind filename relativePath path bytes sha256 }
      }
      nextCursor
    }
  }
}`;

export const DATASETS = `query CliDatasets {
  datasets {${DATASET_FIELDS} }
}`;

export const CANCEL_DATASET = `mutation CliCancelDataset($id: ID!) {
  cancelDataset(id: $id) {${DATASET_FIELDS} }
}`;

export const DELETE_DATASET = `mutation CliDeleteDataset($id: ID!, $removeFiles: Boolean!) {
  deleteDataset(id: $id, removeFiles: $removeFiles)
}`;

export const DATASET_PROGRESS = `subscription CliDatasetProgress($id: ID!) {
  datasetProgress(id: $id) {${DATASET_FIELDS} }
}`;

export interface CacheStatusView {
  neuronId: number;
  configured: boolean;
  folder: string | null;
  exists: boolean;
  incomplete: boolean;
  metadataExists: boolean;
  standardExists: boolean;
  originalExists: boolean;
  fromOtherSite: boolean;
  site: string | null;
}

const CACHE_STATUS_FIELDS = `neuronId configured folder exists incomplete metadataExists standardExists
  originalExists fromOtherSite site`;

/** What the reference's `describe` gives: the neuron, its measurement, its URLs and what is on disk. */
export const NEURON = `query CliNeuron($id: Int!, $withMeasurement: Boolean!) {
  neuron(id: $id) {
    neuronId name archive species brainRegion cellType originalFormat stain strain
    scientificName ageClassification gender pngUrl
    urls { standardSwc originalFile measurement thumbnail }
    cacheStatus { ${CACHE_STATUS_FIELDS} }
    measurement @include(if: $withMeasurement) {
      surface volume somaSurface nStems nBifs nBranch width height depth diameter length
      euclideanDistance pathDistance branchOrder contraction fragmentation partitionAsymmetry
      pkClassic bifAmplLocal bifAmplRemote fractalDim
    }
  }
}`;

export interface NeuronView {
  neuronId: number;
  name: string;
  archive: string | null;
  species: string | null;
  brainRegion: string[];
  cellType: string[];
  originalFormat: string | null;
  urls: {
    standardSwc: string | null;
    originalFile: string | null;
    measurement: string;
    thumbnail: string | null;
  };
  cacheStatus: CacheStatusView;
  measurement?: Record<string, number | null> | null;
  [field: string]: unknown;
}

/** The largest page cachedNeurons serves. */
export const CACHE_PAGE_SIZE = 500;

export const CACHED_NEURONS = `query CliCachedNeurons($first: Int!, $afterId: Int) {
  cachedNeurons(first: $first, afterId: $afterId) { ${CACHE_STATUS_FIELDS} }
}`;

export const REMOVE_CACHED_NEURON = `mutation CliRemoveCachedNeuron($id: Int!) {
  removeCachedNeuron(id: $id)
}`;

export const CLEAR_CACHE = `mutation CliClearCache {
  clearCache
}`;

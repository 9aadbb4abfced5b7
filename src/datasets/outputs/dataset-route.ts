/** What a `/datasets/...` path asks for. */
export type DatasetOutput = 'manifest.csv' | 'manifest.json' | 'zip';

export interface DatasetRoute {
  datasetId: string;
  output: DatasetOutput;
}

export const DATASETS_PREFIX = '/datasets/';

/** `/datasets/{id}/manifest.csv`, `/datasets/{id}/manifest.json`, `/datasets/{id}.zip`; ids are URL-safe. */
const DATASET_PATH = /^\/datasets\/([A-Za-z0-9_-]{1,100})(?:\/(manifest\.csv|manifest\.json)|\.zip)$/;

export function isDatasetPath(pathname: string): boolean {
  return pathname.startsWith(DATASETS_PREFIX);
}

/** The route a `/datasets/...` path names, or null for any other path under the prefix. */
export function parseDatasetRoute(pathname: string): DatasetRoute | null {
  const match = DATASET_PATH.exec(pathname);
  if (!match) return null;
  const output = (match[2] as 'manifest.csv' | 'manifest.json' | undefined) ?? 'zip';
  return { datasetId: match[1] as string, output };
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { TestGateway } from '../../support/gateway.js';

export const DATASET_FIELDS = `id name status total done skipped failed bytes startedAt finishedAt etaSeconds
  error { code message }`;

export interface DatasetView {
  id: string;
  name: string;
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';
  total: number;
  done: number;
  skipped: number;
  failed: number;
  bytes: number;
  startedAt: string | null;
  finishedAt: string | null;
  etaSeconds: number | null;
  error: { code: string; message: string } | null;
}

export interface ItemView {
  neuronId: number;
  status: 'PENDING' | 'DONE' | 'SKIPPED' | 'FAILED';
  error: { code: string; message: string } | null;
  files: Array<{
    kind: string;
    filename: string;
    relativePath: string;
    bytes: number | null;
    sha256: string | null;
  }>;
}

const CREATE = `mutation ($input: CreateDatasetInput!) { createDataset(input: $input) { ${DATASET_FIELDS} } }`;
const GET = `query ($id: ID!) { dataset(id: $id) { ${DATASET_FIELDS} } }`;
const ITEMS = `query ($id: ID!, $after: String) { dataset(id: $id) { items(first: 500, after: $after) {
  nextCursor items { neuronId status error { code message } files { kind filename relativePath bytes sha256 } } } } }`;

export async function createDataset(gateway: TestGateway, input: Record<string, unknown>) {
  return gateway.execute<{ createDataset: DatasetView }, { input: Record<string, unknown> }>(CREATE, {
    input,
  });
}

export async function createOrThrow(
  gateway: TestGateway,
  input: Record<string, unknown>,
): Promise<DatasetView> {
  const { data, errors } = await createDataset(gateway, input);
  if (errors !== undefined || !data) throw new Error(`createDataset failed: ${JSON.stringify(errors)}`);
  return data.createDataset;
}

export async function getDataset(gateway: TestGateway, id: string): Promise<DatasetView | null> {
  const { data, errors } = await gateway.execute<{ dataset: DatasetView | null }, { id: string }>(GET, {
    id,
  });
  if (errors !== undefined) throw new Error(JSON.stringify(errors));
  return data?.dataset ?? null;
}

/** Polls dataset(id) until `done` says so (or the time runs out: the test then fails saying where it was). */
export async function waitForDataset(
  gateway: TestGateway,
  id: string,
  done: (dataset: DatasetView) => boolean = (dataset) =>
    ['DONE', 'FAILED', 'CANCELLED'].includes(dataset.status),
  timeoutMs = 60_000,
): Promise<DatasetView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dataset = await getDataset(gateway, id);
    if (dataset !== null && done(dataset)) return dataset;
    if (Date.now() > deadline) throw new Error(`dataset ${id} still ${JSON.stringify(dataset)}`);
    await sleep(25);
  }
}

export async function allItems(gateway: TestGateway, id: string): Promise<ItemView[]> {
  const items: ItemView[] = [];
  let after: string | null = null;
  do {
    type Page = { dataset: { items: { nextCursor: string | null; items: ItemView[] } } };
    const { data, errors }: { data?: Page | null; errors?: unknown } = await gateway.execute<
      Page,
      { id: string; after: string | null }
    >(ITEMS, { id, after });
    if (errors !== undefined || !data) throw new Error(JSON.stringify(errors));
    items.push(...data.dataset.items.items);
    after = data.dataset.items.nextCursor;
  } while (after !== null);
  return items;
}

export async function listDatasets(gateway: TestGateway): Promise<DatasetView[]> {
  const { data } = await gateway.execute<{ datasets: DatasetView[] }, Record<string, never>>(
    `{ datasets { ${DATASET_FIELDS} } }`,
  );
  return data?.datasets ?? [];
}

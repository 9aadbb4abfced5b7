import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetOutputSource } from '../../../../src/datasets/outputs/dataset-output.js';
import type { DatasetFile, DatasetItem, DatasetSnapshot } from '../../../../src/datasets/types.js';
import { toMeasurement } from '../../../../src/neuromorpho/measurement.js';
import { toNeuron } from '../../../../src/neuromorpho/neuron.js';
import type { FileKind } from '../../../../src/neuromorpho/types.js';

export function snapshotOf(id: string, name: string, total: number): DatasetSnapshot {
  return {
    id,
    name,
    status: 'DONE',
    input: {
      ids: null,
      q: 'species:rat',
      fq: null,
      filter: null,
      limit: total,
      mode: 'both',
      overwrite: false,
      name,
    },
    total,
    done: total,
    skipped: 0,
    failed: 0,
    bytes: 0,
    createdAt: '2024-05-01T10:00:00.000Z',
    startedAt: '2024-05-01T10:00:01.000Z',
    finishedAt: '2024-05-01T10:01:00.000Z',
    etaSeconds: null,
    error: null,
  };
}

/** A neuron record as the planner would hold it, from a payload like NeuroMorpho's. */
export function neuronOf(id: number, fields: Record<string, unknown> = {}) {
  return toNeuron({
    neuron_id: id,
    neuron_name: `cell_${id}`,
    archive: 'Smith',
    species: 'rat',
    brain_region: ['hippocampus', 'CA1'],
    cell_type: ['pyramidal'],
    ...fields,
  });
}

export function measurementOf(id: number, fields: Record<string, unknown> = {}) {
  return toMeasurement({ neuron_id: id, surface: 100.5, n_stems: 6.0, soma_Surface: 12.25, ...fields });
}

/** Writes a file into the root as the downloader would and describes it as a finished item does. */
export async function writeItemFile(
  root: string,
  neuronId: number,
  kind: FileKind,
  filename: string,
  content: Buffer | string,
): Promise<DatasetFile> {
  await mkdir(join(root, String(neuronId)), { recursive: true });
  const bytes = Buffer.from(content);
  await writeFile(join(root, String(neuronId), filename), bytes);
  return {
    kind,
    filename,
    relativePath: `${neuronId}/${filename}`,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** A finished item with its files and a metadata.json written in the root. */
export async function finishedItem(
  root: string,
  neuronId: number,
  files: Array<{ kind: FileKind; filename: string; content: Buffer | string }>,
  overrides: Partial<DatasetItem> = {},
): Promise<DatasetItem> {
  await mkdir(join(root, String(neuronId)), { recursive: true });
  const written = [];
  for (const file of files)
    written.push(await writeItemFile(root, neuronId, file.kind, file.filename, file.content));
  await writeFile(join(root, String(neuronId), 'metadata.json'), JSON.stringify({ neuron_id: neuronId }));
  return {
    neuronId,
    status: 'DONE',
    error: null,
    files: written,
    metadataPath: `${neuronId}/metadata.json`,
    neuron: neuronOf(neuronId),
    measurement: measurementOf(neuronId),
    ...overrides,
  };
}

export function pendingItem(neuronId: number): DatasetItem {
  return {
    neuronId,
    status: 'PENDING',
    error: null,
    files: [],
    metadataPath: null,
    neuron: neuronOf(neuronId),
    measurement: measurementOf(neuronId),
  };
}

/**
 * The two DatasetService methods the outputs use, over datasets held in memory (their files are real,
 * in a temporary root). `items` may be a function, so a test can make the items change between passes.
 */
export function memorySource(
  datasets: Record<string, { snapshot: DatasetSnapshot; items: DatasetItem[] | (() => DatasetItem[]) }>,
): DatasetOutputSource & { passes: number } {
  const source = {
    passes: 0,
    async get(id: string) {
      return datasets[id]?.snapshot ?? null;
    },
    async *allItems(id: string) {
      source.passes += 1;
      const dataset = datasets[id];
      if (!dataset) return;
      const items = typeof dataset.items === 'function' ? dataset.items() : dataset.items;
      for (const item of items) yield item;
    },
  };
  return source;
}

export async function textOf(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

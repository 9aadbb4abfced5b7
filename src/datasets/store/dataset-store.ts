import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rethrowAsCacheWriteError } from '../../disk/disk-errors.js';
import { withLock } from '../../disk/neuron-lock.js';
import { toMeasurement } from '../../neuromorpho/measurement.js';
import { toNeuron } from '../../neuromorpho/neuron.js';
import { parsePayload, stringifyPayload } from '../../neuromorpho/payload-json.js';
import type { MeasurementRecord, NeuronRecord } from '../../neuromorpho/types.js';
import { isDatasetId } from '../dataset-id.js';
import { readTextIfAny, writeTextDurably, writeTextIntoReserve } from './durable-json.js';
import type { ChunkState, PlannedPayload, StoredDataset, StoredFirstPage } from './stored-types.js';

/** Folder of the cache root holding every job; its leading dot keeps it from ever being a neuron folder. */
export const DATASETS_FOLDER = '.datasets';

/**
 * Room set aside in each job's folder when it is made (a file of zeros, at least this large and larger
 * than the record with room to grow): when the volume fills up, the DISK_FULL verdict is written into it
 * (durable-json.ts writeTextIntoReserve), so the job can still say it FAILED instead of staying RUNNING
 * with no space left to say so. Deleting it first would not do: the downloads still running take the
 * room it gives back before the verdict is written.
 */
const RESERVE_BYTES = 64 * 1024;
const RESERVE_HEADROOM_BYTES = 16 * 1024;

export interface PlannedNeuron {
  neuron: NeuronRecord;
  measurement: MeasurementRecord | null;
  /** The planner's batch could not answer for it: to be asked for again. */
  measurementFailed: boolean;
}

/** The durable state of dataset jobs under `<root>/.datasets/<id>/`, every file written atomically. */
export interface DatasetStore {
  /** Ids of every stored job (any order). */
  listIds(): Promise<string[]>;
  read(id: string): Promise<StoredDataset | null>;
  /** Stores a new job (its folder is made). */
  create(record: StoredDataset): Promise<void>;
  /**
   * Reads, changes and writes dataset.json under a cross-process lock, so two gateways never lose each
   * other's change. `change` returns null to leave it as it is. Resolves with the record as it stands.
   * `inReserve`: the new record is written into the job's reserved room while there is one (the verdict
   * on a full volume), else as any other.
   */
  update(
    id: string,
    change: (current: StoredDataset) => StoredDataset | null,
    options?: { inReserve?: boolean },
  ): Promise<StoredDataset | null>;
  writeFirstPage(id: string, page: StoredFirstPage): Promise<void>;
  readFirstPage(id: string): Promise<StoredFirstPage | null>;
  writePlan(id: string, chunk: number, planned: readonly PlannedPayload[]): Promise<void>;
  /** The chunk's neurons, or null when its plan is not written yet. */
  readPlan(id: string, chunk: number): Promise<PlannedNeuron[] | null>;
  /** The chunk's item states, `length` entries long (null entries: not finished). */
  readState(id: string, chunk: number, length: number): Promise<ChunkState>;
  writeState(id: string, chunk: number, state: ChunkState): Promise<void>;
  remove(id: string): Promise<void>;
}

function folderOf(root: string, id: string): string {
  // Ids come from clients: only the shape newDatasetId makes may name a folder.
  if (!isDatasetId(id)) throw new RangeError(`not a dataset id: ${JSON.stringify(id)}`);
  return join(root, DATASETS_FOLDER, id);
}

function toPlanned(payload: PlannedPayload): PlannedNeuron {
  const neuron = toNeuron(payload.neuron);
  const measurement =
    payload.measurement === null ? null : toMeasurement(payload.measurement, neuron.neuronId);
  return { neuron, measurement, measurementFailed: payload.measurementFailed === true };
}

export function createDatasetStore(root: string): DatasetStore {
  const file = (id: string, name: string) => join(folderOf(root, id), name);
  const chunkFile = (id: string, chunk: number, kind: 'plan' | 'state') =>
    join(folderOf(root, id), 'chunks', `${chunk}.${kind}.json`);
  const readJson = async <T>(path: string): Promise<T | null> => {
    const text = await readTextIfAny(path);
    return text === null ? null : (JSON.parse(text) as T);
  };
  const read = (id: string) => readJson<StoredDataset>(file(id, 'dataset.json'));

  return {
    async listIds() {
      try {
        return (await readdir(join(root, DATASETS_FOLDER))).filter(isDatasetId);
      } catch {
        return [];
      }
    },
    read,
    async create(record) {
      await mkdir(join(folderOf(root, record.id), 'chunks'), { recursive: true });
      const text = JSON.stringify(record);
      const reserveBytes = Math.max(RESERVE_BYTES, Buffer.byteLength(text) + RESERVE_HEADROOM_BYTES);
      await writeFile(file(record.id, 'reserve'), Buffer.alloc(reserveBytes)).catch(rethrowAsCacheWriteError);
      await writeTextDurably(file(record.id, 'dataset.json'), text);
    },
    update(id, change, options = {}) {
      return withLock(file(id, 'dataset.json.lock'), async () => {
        const current = await read(id);
        if (current === null) return null;
        const next = change(current);
        if (next === null) return current;
        const path = file(id, 'dataset.json');
        const text = JSON.stringify(next);
        const written =
          options.inReserve === true && (await writeTextIntoReserve(file(id, 'reserve'), path, text));
        if (!written) await writeTextDurably(path, text);
        return next;
      });
    },
    // Payloads go through stringifyPayload, so metadata.json written later shows numbers as sent.
    writeFirstPage: (id, page) => writeTextDurably(file(id, 'first-page.json'), stringifyPayload(page)),
    async readFirstPage(id) {
      const text = await readTextIfAny(file(id, 'first-page.json'));
      return text === null ? null : (parsePayload(text) as StoredFirstPage);
    },
    writePlan: (id, chunk, planned) =>
      writeTextDurably(chunkFile(id, chunk, 'plan'), stringifyPayload(planned)),
    async readPlan(id, chunk) {
      const text = await readTextIfAny(chunkFile(id, chunk, 'plan'));
      return text === null ? null : (parsePayload(text) as PlannedPayload[]).map(toPlanned);
    },
    async readState(id, chunk, length) {
      const stored = await readJson<ChunkState>(chunkFile(id, chunk, 'state'));
      const items = Array.from({ length }, (_, i) => stored?.items[i] ?? null);
      return { items };
    },
    writeState: (id, chunk, state) => writeTextDurably(chunkFile(id, chunk, 'state'), JSON.stringify(state)),
    remove: (id) => rm(folderOf(root, id), { recursive: true, force: true }),
  };
}

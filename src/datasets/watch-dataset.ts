import { setTimeout as sleep } from 'node:timers/promises';
import { NotFoundError } from '../errors.js';
import { type DatasetSnapshot, FINAL_DATASET_STATUSES, type ProgressBus } from './types.js';

/** Read again this often without any event: covers a bus event lost in between and a job that vanished. */
const REREAD_EVERY_MS = 2_000;

const sameProgress = (a: DatasetSnapshot, b: DatasetSnapshot) =>
  a.status === b.status &&
  a.done === b.done &&
  a.skipped === b.skipped &&
  a.failed === b.failed &&
  a.total === b.total &&
  a.bytes === b.bytes;

/**
 * The current snapshot, then one per change (read after each bus event, so a burst of events is one
 * snapshot), ending after a final status or when the signal aborts.
 */
export async function* watchDataset(
  id: string,
  bus: ProgressBus,
  read: (id: string) => Promise<DatasetSnapshot | null>,
  signal: AbortSignal,
): AsyncGenerator<DatasetSnapshot> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  // Subscribed before the first read, so a change between the two is not missed.
  const events = bus.subscribe(id, stop.signal)[Symbol.asyncIterator]();
  let nextEvent = events.next();
  try {
    let last = await read(id);
    if (last === null) throw new NotFoundError(`there is no dataset ${id}`, { datasetId: id });
    yield last;
    while (!FINAL_DATASET_STATUSES.has(last.status) && !stop.signal.aborted) {
      const woke = await Promise.race([
        nextEvent.then(() => 'event' as const),
        sleep(REREAD_EVERY_MS, 'timer' as const, { signal: stop.signal }).catch(() => 'stopped' as const),
      ]);
      if (woke === 'stopped') return;
      if (woke === 'event') nextEvent = events.next();
      const current = await read(id);
      if (current === null) return;
      if (!sameProgress(current, last)) yield current;
      last = current;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    stop.abort();
    await events.return?.();
  }
}

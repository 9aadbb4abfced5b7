import { cacheKeys } from '../cache/keys.js';
import { toMeasurement } from '../neuromorpho/measurement.js';
import { toMeasurementPageRecords } from '../neuromorpho/page-records.js';
import type { RawPayload } from '../neuromorpho/types.js';
import { mapWithConcurrency } from '../util/concurrency.js';
import { type ClientContext, createRecordMemo, emptyBatch, mapFound, selectByIds } from './client-context.js';
import type { BatchResult, CallOptions, NeuroMorphoClient } from './client-types.js';
import {
  UpstreamBadPayloadError,
  UpstreamHttpError,
  UpstreamNotFoundError,
  UpstreamTooLargeError,
} from './errors.js';
import { embeddedList } from './payload.js';
import { isRetryableStatus } from './retry-policy.js';

type MeasurementOperations = Pick<
  NeuroMorphoClient,
  'getMeasurement' | 'getMeasurements' | 'peekMeasurement'
>;

/** Morphometry by neuron id, one or many; a batch that cannot answer falls back to per-id requests. */
export function createMeasurementOperations(
  context: ClientContext,
  fallbackConcurrency: number,
): MeasurementOperations {
  const { cache, ttls, report } = context;
  const measurements = createRecordMemo((raw, id) => toMeasurement(raw, id, report));
  const urlOf = (id: number) => context.apiUrl(`/morphometry/id/${id}`);

  /** One record, mapped before it is stored (with neuron_id filled in when upstream left it out). */
  async function fetchOne(url: string, id: number, call?: CallOptions): Promise<RawPayload> {
    const raw = await context.http.getJson(url, call);
    try {
      return measurements.keep(toMeasurement(raw, id, report)).raw;
    } catch (error) {
      throw new UpstreamBadPayloadError(200, url, (error as Error).message);
    }
  }

  /** Per-id requests for ids a batch did not answer: batching must never make an answer wrong. */
  async function fillPerId(ids: number[], result: BatchResult<RawPayload>, call?: CallOptions) {
    await mapWithConcurrency(ids, fallbackConcurrency, async (id) => {
      try {
        result.found.set(id, await fetchOne(urlOf(id), id, call));
      } catch (error) {
        if (error instanceof UpstreamNotFoundError) result.missing.push(id);
        else result.failed.set(id, error as Error);
      }
    });
  }

  async function fetchMany(ids: readonly number[], call?: CallOptions) {
    const result = emptyBatch<RawPayload>();
    const readPage = (body: RawPayload, url: string) =>
      toMeasurementPageRecords(embeddedList(body, 'measurements', url), report);
    await selectByIds(context, '/morphometry/select', ids, call, readPage, async (group, answer) => {
      if (!(answer instanceof Error)) {
        for (const [id, measurement] of answer) result.found.set(id, measurements.keep(measurement).raw);
      } else if (!isPermanentBatchFailure(answer)) {
        for (const id of group) result.failed.set(id, answer);
        return;
      }
      // What the page left out or could not map, or a page refused for good: asked for id by id.
      await fillPerId(
        group.filter((id) => !result.found.has(id)),
        result,
        call,
      );
    });
    result.missing.sort((a, b) => a - b);
    return result;
  }

  return {
    async getMeasurement(id, call) {
      const url = urlOf(id);
      const load = () => fetchOne(url, id, call);
      const read = () => cache.record(cacheKeys.measurement(id), ttls.recordMs, url, load, call);
      return measurements.of(await cache.offline.one('measurement', id, call, read), id);
    },

    peekMeasurement(id) {
      const entry = cache.peek<RawPayload>(cacheKeys.measurement(id));
      if (entry === undefined) return undefined;
      return entry.v === null ? null : measurements.of(entry.v, id);
    },

    async getMeasurements(ids, call) {
      const load = (missing: number[]) => fetchMany(missing, call);
      const batch = await cache.batch(ids, cacheKeys.measurement, ttls.recordMs, load, call);
      return mapFound(await cache.offline.fill('measurement', batch, call), measurements.of);
    },
  };
}

/** A batch answer that retrying will not change (a 4xx, or a payload we cannot read). */
function isPermanentBatchFailure(error: unknown): boolean {
  // An oversized batch fails its ids as it is: splitting it into per-id requests would multiply the load
  // a misbehaving upstream already causes, hundreds of requests for one refused answer.
  if (error instanceof UpstreamTooLargeError) return false;
  if (error instanceof UpstreamBadPayloadError) return true;
  return error instanceof UpstreamHttpError && error.status >= 400 && !isRetryableStatus(error.status);
}

import { describe, expect, it } from 'vitest';
import type { RawPayload } from '../../../src/neuromorpho/types.js';
import type { BatchResult, CallOptions } from '../../../src/upstream/client-types.js';
import {
  UpstreamBadPayloadError,
  UpstreamHttpError,
  UpstreamNotFoundError,
  UpstreamTimeoutError,
} from '../../../src/upstream/errors.js';
import { canFallBack } from '../../../src/upstream/fallback-rule.js';
import {
  createOfflineFallback,
  type OfflineCopy,
  type OfflineSource,
} from '../../../src/upstream/offline-fallback.js';
import { UpstreamBusyError } from '../../../src/upstream/upstream-budget.js';

const URL = 'http://nm.test/api/neuron/select';

/** Copies held in memory, recording which ids were asked for. */
function copiesOf(copies: Record<number, OfflineCopy>): OfflineSource & { asked: number[][] } {
  const asked: number[][] = [];
  return {
    asked,
    async read(ids) {
      asked.push([...ids]);
      return new Map(ids.filter((id) => copies[id]).map((id) => [id, copies[id] as OfflineCopy]));
    },
  };
}

const copy = (id: number, withMeasurement = true): OfflineCopy => ({
  neuron: { neuron_id: id, neuron_name: `n${id}` },
  measurement: withMeasurement ? { neuron_id: id, length: id * 10 } : null,
});

function staleCounter() {
  const calls: Array<CallOptions | undefined> = [];
  return { calls, markStale: (call: CallOptions | undefined) => void calls.push(call) };
}

function batchOf(parts: Partial<BatchResult<RawPayload>>): BatchResult<RawPayload> {
  return { found: new Map(), missing: [], failed: new Map(), ...parts };
}

describe('canFallBack: when an answer kept earlier may stand in for NeuroMorpho', () => {
  it.each([
    ['no response (status 0)', new UpstreamHttpError(0, URL)],
    ['a 503', new UpstreamHttpError(503, URL)],
    ['a timeout', new UpstreamTimeoutError(URL)],
    ['a full upstream budget', new UpstreamBusyError('busy', URL)],
    ['an unusable 200 body', new UpstreamBadPayloadError(200, URL, 'empty body')],
  ])('yes after %s', (_name, error) => {
    expect(canFallBack(error)).toBe(true);
  });

  it.each([
    ['a 404: NeuroMorpho answered, it has no such record', new UpstreamNotFoundError(URL)],
    ['an error that is not an upstream failure', new RangeError('size must be an integer')],
    ['a thrown non-error', 'boom'],
  ])('no after %s', (_name, error) => {
    expect(canFallBack(error)).toBe(false);
  });
});

describe('offline fallback for one read', () => {
  it('answers a failed read from the copy, telling the call it is stale', async () => {
    const { calls, markStale } = staleCounter();
    const fallback = createOfflineFallback(copiesOf({ 7: copy(7) }), markStale);
    const call = { onStale: () => undefined };
    const read = () => Promise.reject(new UpstreamHttpError(503, URL));
    expect(await fallback.one('neuron', 7, call, read)).toEqual(copy(7).neuron);
    expect(await fallback.one('measurement', 7, call, read)).toEqual(copy(7).measurement);
    expect(calls).toEqual([call, call]);
  });

  it('leaves a successful read alone and never asks the copies', async () => {
    const { calls, markStale } = staleCounter();
    const source = copiesOf({ 7: copy(7) });
    const fallback = createOfflineFallback(source, markStale);
    const upstream = { neuron_id: 7, neuron_name: 'from NeuroMorpho' };
    expect(await fallback.one('neuron', 7, undefined, async () => upstream)).toBe(upstream);
    expect(source.asked).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('keeps "not found" as it is, without asking the copies', async () => {
    const source = copiesOf({ 7: copy(7) });
    const fallback = createOfflineFallback(source, staleCounter().markStale);
    const notFound = new UpstreamNotFoundError(URL);
    await expect(fallback.one('neuron', 7, undefined, () => Promise.reject(notFound))).rejects.toBe(notFound);
    expect(source.asked).toEqual([]);
  });

  it('rethrows the upstream failure when there is no copy, no measurement in it, or the copies fail', async () => {
    const { calls, markStale } = staleCounter();
    const failure = new UpstreamHttpError(503, URL);
    const read = () => Promise.reject(failure);
    const noMeasurement = createOfflineFallback(copiesOf({ 7: copy(7, false) }), markStale);
    await expect(noMeasurement.one('measurement', 7, undefined, read)).rejects.toBe(failure);
    await expect(noMeasurement.one('neuron', 8, undefined, read)).rejects.toBe(failure);
    const broken = createOfflineFallback({ read: () => Promise.reject(new Error('EIO')) }, markStale);
    await expect(broken.one('neuron', 7, undefined, read)).rejects.toBe(failure);
    expect(calls).toEqual([]);
  });

  it('without a source every failure stands', async () => {
    const failure = new UpstreamHttpError(0, URL);
    const fallback = createOfflineFallback(undefined, staleCounter().markStale);
    await expect(fallback.one('neuron', 7, undefined, () => Promise.reject(failure))).rejects.toBe(failure);
  });
});

describe('offline fallback for a batch', () => {
  it('moves only ids NeuroMorpho failed, and only those with a copy, to found; stale told once', async () => {
    const { calls, markStale } = staleCounter();
    const source = copiesOf({ 1: copy(1), 2: copy(2), 3: copy(3), 4: copy(4) });
    const fallback = createOfflineFallback(source, markStale);
    const failure = new UpstreamHttpError(503, URL);
    const notFound = new UpstreamNotFoundError(URL);
    const fetched = { neuron_id: 9 };
    const batch = batchOf({
      found: new Map([[9, fetched]]),
      missing: [10],
      failed: new Map<number, Error>([
        [1, failure],
        [2, failure],
        [3, notFound],
        [5, failure],
      ]),
    });
    const filled = await fallback.fill('neuron', batch, undefined);
    expect(source.asked).toEqual([[1, 2, 5]]);
    expect([...filled.found].sort(([a], [b]) => a - b)).toEqual([
      [1, copy(1).neuron],
      [2, copy(2).neuron],
      [9, fetched],
    ]);
    expect([...filled.failed]).toEqual([
      [3, notFound],
      [5, failure],
    ]);
    expect(filled.missing).toEqual([10]);
    expect(calls).toHaveLength(1);
  });

  it('a copy without a measurement leaves that id failed', async () => {
    const { calls, markStale } = staleCounter();
    const fallback = createOfflineFallback(copiesOf({ 1: copy(1, false), 2: copy(2) }), markStale);
    const failure = new UpstreamHttpError(503, URL);
    const batch = batchOf({
      failed: new Map([
        [1, failure],
        [2, failure],
      ]),
    });
    const filled = await fallback.fill('measurement', batch, undefined);
    expect([...filled.found]).toEqual([[2, copy(2).measurement]]);
    expect([...filled.failed]).toEqual([[1, failure]]);
    expect(calls).toHaveLength(1);
  });

  it('a batch without upstream failures is returned as it is, no copy read, nothing stale', async () => {
    const { calls, markStale } = staleCounter();
    const source = copiesOf({ 1: copy(1) });
    const fallback = createOfflineFallback(source, markStale);
    const batch = batchOf({ failed: new Map([[1, new UpstreamNotFoundError(URL)]]), missing: [2] });
    expect(await fallback.fill('neuron', batch, undefined)).toBe(batch);
    expect(source.asked).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('copies the source sends for ids not asked are ignored', async () => {
    const failure = new UpstreamHttpError(503, URL);
    const generous: OfflineSource = {
      read: async () =>
        new Map([
          [1, copy(1)],
          [99, copy(99)],
        ]),
    };
    const fallback = createOfflineFallback(generous, staleCounter().markStale);
    const filled = await fallback.fill('neuron', batchOf({ failed: new Map([[1, failure]]) }), undefined);
    expect([...filled.found.keys()]).toEqual([1]);
  });
});

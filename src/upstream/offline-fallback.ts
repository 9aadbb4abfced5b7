import type { RawPayload } from '../neuromorpho/types.js';
import type { BatchResult, CallOptions } from './client-types.js';
import { canFallBack } from './fallback-rule.js';

/** A neuron's records as a finished download kept them: the payloads as NeuroMorpho sent them. */
export interface OfflineCopy {
  neuron: RawPayload;
  /** null when the download kept none (NeuroMorpho had no measurement then). */
  measurement: RawPayload | null;
}

/**
 * Where the client turns when NeuroMorpho fails and the response cache holds nothing for a neuron: the
 * neurons downloaded into the cache root (src/disk/offline-copies.ts). Never throws: a copy that cannot be
 * read or trusted is left out.
 */
export interface OfflineSource {
  read(neuronIds: readonly number[]): Promise<Map<number, OfflineCopy>>;
}

export type OfflinePart = 'neuron' | 'measurement';

const NO_COPIES: OfflineSource = { read: async () => new Map() };

/**
 * Answers reads NeuroMorpho failed (see canFallBack) from the offline copies, telling `markStale` (the
 * call's onStale) so the answer is marked stale like an expired cache entry served the same way. Used on
 * what the read-through could not answer, so a cached answer, stale or not, always comes first.
 */
export function createOfflineFallback(
  source: OfflineSource = NO_COPIES,
  markStale: (call: CallOptions | undefined) => void,
) {
  /** Copies of `ids`; an unreadable source counts as holding none, so the upstream error stands. */
  async function partsOf(part: OfflinePart, ids: readonly number[]): Promise<Map<number, RawPayload>> {
    const copies = await source.read(ids).catch(() => new Map<number, OfflineCopy>());
    const asked = new Set(ids);
    const parts = new Map<number, RawPayload>();
    for (const [id, copy] of copies) {
      const payload = copy[part];
      if (payload !== null && asked.has(id)) parts.set(id, payload);
    }
    return parts;
  }

  /** `read`'s answer; when NeuroMorpho failed, the copy's part for `id` instead, or else the failure. */
  async function one(
    part: OfflinePart,
    id: number,
    call: CallOptions | undefined,
    read: () => Promise<RawPayload>,
  ): Promise<RawPayload> {
    try {
      return await read();
    } catch (error) {
      if (!canFallBack(error)) throw error;
      const payload = (await partsOf(part, [id])).get(id);
      if (payload === undefined) throw error;
      markStale(call);
      return payload;
    }
  }

  /** The batch with the ids NeuroMorpho failed moved to `found` where a copy has them. */
  async function fill(
    part: OfflinePart,
    batch: BatchResult<RawPayload>,
    call: CallOptions | undefined,
  ): Promise<BatchResult<RawPayload>> {
    const failedUpstream = [...batch.failed].filter(([, error]) => canFallBack(error)).map(([id]) => id);
    if (failedUpstream.length === 0) return batch;
    const parts = await partsOf(part, failedUpstream);
    if (parts.size === 0) return batch;
    const found = new Map(batch.found);
    const failed = new Map(batch.failed);
    for (const [id, payload] of parts) {
      found.set(id, payload);
      failed.delete(id);
    }
    markStale(call);
    return { found, missing: batch.missing, failed };
  }

  return { one, fill };
}

export type OfflineFallback = ReturnType<typeof createOfflineFallback>;

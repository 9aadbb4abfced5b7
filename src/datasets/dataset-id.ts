import { randomBytes } from 'node:crypto';

const DATASET_ID = /^ds_[0-9a-f]{16}$/;

/** A fresh id: URL-safe, and random enough that two gateways never make the same one. */
export function newDatasetId(): string {
  return `ds_${randomBytes(8).toString('hex')}`;
}

/** Only ids of this shape ever name a folder, so an id from a client cannot reach outside `.datasets`. */
export function isDatasetId(id: string): boolean {
  return DATASET_ID.test(id);
}

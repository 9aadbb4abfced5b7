import { InvalidArgumentError } from 'commander';

/** A NeuroMorpho neuron id: a positive integer, written in decimal. */
export function parseNeuronId(value: string): number {
  if (!/^\d{1,10}$/.test(value.trim()) || Number(value) < 1 || Number(value) > 2_147_483_647) {
    throw new InvalidArgumentError(`"${value}" is not a neuron id (a positive integer)`);
  }
  return Number(value);
}

/** `1,2,3` (spaces allowed); repeated `--ids` add up. */
export function parseIdList(value: string, previous: number[] = []): number[] {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.some((part) => part === '')) throw new InvalidArgumentError(`"${value}" has an empty id`);
  return [...previous, ...parts.map(parseNeuronId)];
}

/** A count from 1 up (the gateway checks the upper bound, DATASET_MAX_NEURONS). */
export function parseLimit(value: string): number {
  if (!/^\d{1,9}$/.test(value.trim()) || Number(value) < 1) {
    throw new InvalidArgumentError(`"${value}" is not a positive integer`);
  }
  return Number(value);
}

export type DownloadModeName = 'STANDARD' | 'ORIGINAL' | 'BOTH';

/** The reference's mode names (standard, original, both), any case, as the gateway's enum values. */
export function parseMode(value: string): DownloadModeName {
  const mode = value.trim().toUpperCase();
  if (mode !== 'STANDARD' && mode !== 'ORIGINAL' && mode !== 'BOTH') {
    throw new InvalidArgumentError(`"${value}" is not one of standard, original, both`);
  }
  return mode;
}

/** Repeatable string option: each `--fq` adds one. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A dataset id as the gateway makes them (`ds_...`): URL-safe characters only, so it can go in a URL. */
export function parseDatasetId(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a dataset id`);
  return value;
}

/** `--filter '{"species":["mouse"]}'`: a NeuronFilter as JSON. */
export function parseFilter(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('is not JSON (a NeuronFilter object such as {"species":["mouse"]})');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidArgumentError('must be a JSON object (a NeuronFilter such as {"species":["mouse"]})');
  }
  return parsed as Record<string, unknown>;
}

import { InvalidPayloadError } from './invalid-payload-error.js';
import { toMeasurement } from './measurement.js';
import { toNeuron } from './neuron.js';
import { fitsGraphQLInt, GRAPHQL_INT_MAX } from './parse.js';
import type { PayloadIssueReporter } from './payload-issues.js';
import { describeValue, isRawPayload, ownValue } from './raw-payload.js';
import type { MeasurementRecord, NeuronRecord } from './types.js';

/**
 * Maps the records of one page (a search page, an id batch). A record that cannot be mapped (a
 * neuron_id outside 1..2**31-1, no name, not an object) is left out and reported: one bad record must
 * not cost the whole page. Anything but an InvalidPayloadError is a bug and still throws.
 */
function mapPage<T>(
  items: readonly unknown[],
  kind: 'neuron' | 'measurement',
  map: (raw: unknown) => T,
  report: PayloadIssueReporter,
): T[] {
  const records: T[] = [];
  items.forEach((raw, index) => {
    try {
      records.push(map(raw));
    } catch (error) {
      if (!(error instanceof InvalidPayloadError)) throw error;
      const sentId = isRawPayload(raw) ? ownValue(raw, 'neuron_id') : undefined;
      report({
        code: 'RECORD_DROPPED',
        neuronId: typeof sentId === 'number' && Number.isSafeInteger(sentId) ? sentId : null,
        field: null,
        message: `${kind} record ${index} of the page (neuron_id ${describeValue(sentId)}) left out: ${error.message}`,
      });
    }
  });
  return records;
}

export function toNeuronPageRecords(items: readonly unknown[], report: PayloadIssueReporter): NeuronRecord[] {
  return mapPage(items, 'neuron', toNeuron, report);
}

/** Measurements of a batch: each must name its own neuron_id (there is no single id to fall back on). */
export function toMeasurementPageRecords(
  items: readonly unknown[],
  report: PayloadIssueReporter,
): MeasurementRecord[] {
  return mapPage(items, 'measurement', (raw) => toMeasurement(raw, undefined, report), report);
}

/**
 * A page figure or partition count (`totalElements`, `totalPages`, a field value's count): fields the
 * schema promises as a non-null Int, so one outside 0..2**31-1 (or not whole) is brought to the nearest
 * such Int, and reported, instead of failing the whole answer.
 */
export function toPageCount(value: number, field: string, report: PayloadIssueReporter): number {
  if (fitsGraphQLInt(value) && value >= 0) return value;
  const count = Number.isNaN(value) ? 0 : Math.min(GRAPHQL_INT_MAX, Math.max(0, Math.trunc(value)));
  report({
    code: 'COUNT_OUT_OF_RANGE',
    neuronId: null,
    field,
    message: `${field} is ${value}, outside GraphQL's Int: answered as ${count}`,
  });
  return count;
}

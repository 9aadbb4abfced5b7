import type { MeasurementRecord, NeuronRecord, SearchPage, SiteUrls } from '../neuromorpho/types.js';
import type {
  BatchResult,
  CallOptions,
  FieldCount,
  Morphology,
  NeuroMorphoClient,
  SearchParams,
} from './client-types.js';

/**
 * The same client with one request's call options applied to every call. A class, so that binding costs
 * one small object per request rather than a closure per method.
 */
class BoundClient implements NeuroMorphoClient {
  readonly site: SiteUrls;

  constructor(
    private readonly client: NeuroMorphoClient,
    private readonly call: CallOptions,
  ) {
    this.site = client.site;
  }

  searchNeurons(params: SearchParams): Promise<SearchPage<NeuronRecord>> {
    return this.client.searchNeurons(params, this.call);
  }
  getNeuron(id: number): Promise<NeuronRecord> {
    return this.client.getNeuron(id, this.call);
  }
  getNeuronByName(name: string): Promise<NeuronRecord> {
    return this.client.getNeuronByName(name, this.call);
  }
  getNeurons(ids: readonly number[]): Promise<BatchResult<NeuronRecord>> {
    return this.client.getNeurons(ids, this.call);
  }
  getMeasurement(id: number): Promise<MeasurementRecord> {
    return this.client.getMeasurement(id, this.call);
  }
  getMeasurements(ids: readonly number[]): Promise<BatchResult<MeasurementRecord>> {
    return this.client.getMeasurements(ids, this.call);
  }
  peekMeasurement(id: number): MeasurementRecord | null | undefined {
    return this.client.peekMeasurement(id);
  }
  getFieldNames(): Promise<string[]> {
    return this.client.getFieldNames(this.call);
  }
  getFieldValues(field: string): Promise<string[]> {
    return this.client.getFieldValues(field, this.call);
  }
  getFieldCounts(field: string): Promise<FieldCount[]> {
    return this.client.getFieldCounts(field, this.call);
  }
  getMorphology(neuron: NeuronRecord): Promise<Morphology | null> {
    return this.client.getMorphology(neuron, this.call);
  }
  peekMorphology(neuron: NeuronRecord): Morphology | null | undefined {
    return this.client.peekMorphology(neuron);
  }
}

/**
 * The same client with one request's call options (request id header, client key for the upstream
 * budget's fair queue, stale marker) applied to every call. Call its methods on it (`client.x()`):
 * they are not bound functions.
 */
export function bindCallOptions(client: NeuroMorphoClient, call: CallOptions): NeuroMorphoClient {
  return new BoundClient(client, call);
}

import type { CallOptions, NeuroMorphoClient } from './client-types.js';

/**
 * The same client with one request's call options (request id header, client key for the upstream
 * budget's fair queue, stale marker) applied to every call.
 */
export function bindCallOptions(client: NeuroMorphoClient, call: CallOptions): NeuroMorphoClient {
  return {
    site: client.site,
    searchNeurons: (params) => client.searchNeurons(params, call),
    getNeuron: (id) => client.getNeuron(id, call),
    getNeuronByName: (name) => client.getNeuronByName(name, call),
    getNeurons: (ids) => client.getNeurons(ids, call),
    getMeasurement: (id) => client.getMeasurement(id, call),
    getMeasurements: (ids) => client.getMeasurements(ids, call),
    getFieldNames: () => client.getFieldNames(call),
    getFieldValues: (field) => client.getFieldValues(field, call),
    getFieldCounts: (field) => client.getFieldCounts(field, call),
    getMorphology: (neuron) => client.getMorphology(neuron, call),
    peekMorphology: (neuron) => client.peekMorphology(neuron),
  };
}

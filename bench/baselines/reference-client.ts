/**
 * Baseline (a): the reference client's `describe` pattern done by hand with undici: one search request,
 * then one measurement request per neuron (`/api/morphometry/id/{id}`), URL building and the on-disk cache
 * status, with the gateway's own pure mappers so the per-neuron work is the same. N + 1 upstream requests.
 * `concurrency` 1 is the reference client (sequential); 5 is a polite parallel client.
 */
import { readCacheStatus } from '../../src/disk/cache-status.js';
import { neuronUrls } from '../../src/neuromorpho/file-urls.js';
import { toMeasurement } from '../../src/neuromorpho/measurement.js';
import { toNeuron } from '../../src/neuromorpho/neuron.js';
import { createSiteUrls } from '../../src/neuromorpho/site-urls.js';
import type { NeuronRecord } from '../../src/neuromorpho/types.js';
import { getJson } from '../lib/http.js';
import type { NestedItem } from '../lib/queries.js';

export interface ReferenceClientOptions {
  siteUrl: string;
  cacheDir: string;
  q: string;
  sort: string;
  size: number;
  /** Measurement requests in flight at once. */
  concurrency: number;
}

export async function describeByHand(options: ReferenceClientOptions): Promise<NestedItem[]> {
  const site = createSiteUrls(options.siteUrl);
  const params = new URLSearchParams({
    q: options.q,
    size: String(options.size),
    page: '0',
    sort: options.sort,
  });
  const page = (await getJson(`${site.api}/neuron/select?${params}`)) as {
    _embedded?: { neuronResources?: unknown[] };
  };
  const neurons = (page._embedded?.neuronResources ?? []).map(toNeuron);
  const items: NestedItem[] = new Array(neurons.length);
  let next = 0;
  const describeOne = async (neuron: NeuronRecord, index: number) => {
    const raw = await getJson(`${site.api}/morphometry/id/${neuron.neuronId}`);
    const measurement = toMeasurement(raw, neuron.neuronId);
    const status = await readCacheStatus(options.cacheDir, neuron, site);
    items[index] = {
      neuronId: neuron.neuronId,
      name: neuron.name,
      measurement: { length: measurement.length, nBifs: measurement.nBifs },
      urls: { standardSwc: neuronUrls(neuron, site).standardSwc },
      cacheStatus: { exists: status.exists },
    };
  };
  const worker = async () => {
    while (next < neurons.length) {
      const index = next++;
      await describeOne(neurons[index] as NeuronRecord, index);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, neurons.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return items;
}

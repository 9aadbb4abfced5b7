import { originalExtension } from '../neuromorpho/file-urls.js';
import { isReservedFileName } from '../neuromorpho/reserved-names.js';
import type { FilePlanItem, NeuronRecord } from '../neuromorpho/types.js';

/**
 * Every name under which a planned file may already be in the neuron's folder, the plan's own first.
 * They differ for `Custom.xml` originals only: the gateway names the file after the URL NeuroMorpho
 * serves (`{stem}.morph.xml`), the reference client after the format's own extension (`{stem}.xml`).
 * Either one counts as the original, so a folder the reference wrote never gets a second copy.
 */
export function namesOnDisk(
  item: FilePlanItem,
  neuron: Pick<NeuronRecord, 'originalFormat'>,
): readonly string[] {
  if (item.skip || item.kind !== 'original' || neuron.originalFormat === null) return [item.filename];
  const ours = originalExtension(neuron.originalFormat);
  const format = neuron.originalFormat;
  const theirs = format.slice(format.lastIndexOf('.'));
  if (ours === null || ours === theirs || !item.filename.endsWith(ours)) return [item.filename];
  const reference = `${item.filename.slice(0, -ours.length)}${theirs}`;
  return isReservedFileName(reference) ? [item.filename] : [item.filename, reference];
}

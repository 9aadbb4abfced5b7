import { filePlan } from '../neuromorpho/file-plan.js';
import type { DownloadMode, FilePlanItem, NeuronRecord, SiteUrls } from '../neuromorpho/types.js';
import { builder } from './builder.js';
import { createRecordMemo } from './record-memo.js';

// One slot per mode, filled when a mode is first asked for.
const plansOf = createRecordMemo<
  NeuronRecord,
  SiteUrls,
  Partial<Record<DownloadMode, readonly FilePlanItem[]>>
>(() => ({}));

/** A neuron's file plan for a mode, built once per record object and mode. */
export function filePlanOf(
  neuron: NeuronRecord,
  mode: DownloadMode,
  site: SiteUrls,
): readonly FilePlanItem[] {
  const plans = plansOf(neuron, site);
  let plan = plans[mode];
  if (plan === undefined) {
    plan = filePlan(neuron, mode, site);
    plans[mode] = plan;
  }
  return plan;
}

export const DownloadModeEnum = builder.enumType('DownloadMode', {
  values: {
    STANDARD: { value: 'standard', description: 'The standardised `.CNG.swc` file only.' },
    ORIGINAL: { value: 'original', description: 'The originally uploaded file only.' },
    BOTH: { value: 'both', description: 'Standardised first, then original.' },
  } as const,
});

export const FileKindEnum = builder.enumType('FileKind', {
  values: {
    STANDARD: { value: 'standard' },
    ORIGINAL: { value: 'original' },
  } as const,
});

export const FilePlanRef = builder.objectRef<FilePlanItem>('FilePlan').implement({
  description: 'One planned download for a neuron, with the reason when it cannot be fetched.',
  fields: (t) => ({
    kind: t.field({ type: FileKindEnum, resolve: (item) => item.kind }),
    url: t.exposeString('url', { description: 'Empty when the item is skipped.' }),
    filename: t.exposeString('filename'),
    skip: t.exposeBoolean('skip'),
    reason: t.exposeString('reason', { nullable: true }),
  }),
});

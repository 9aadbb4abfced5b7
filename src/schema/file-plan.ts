import type { FilePlanItem } from '../neuromorpho/types.js';
import { builder } from './builder.js';

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

import { hash } from 'node:crypto';

/**
 * Versioned cache keys. Bump KEY_VERSION whenever the stored shape changes: old entries are then
 * simply never read again and expire on their own.
 */
// v2: Redis entries keep the form of numbers (`6.0`), so metadata.json can write them back as sent.
export const KEY_VERSION = 'v2';
const PREFIX = `nm:${KEY_VERSION}`;

export const cacheKeys = {
  neuron: (id: number) => `${PREFIX}:neuron:${id}`,
  neuronName: (name: string) => `${PREFIX}:neuron-name:${digest(name)}`,
  measurement: (id: number) => `${PREFIX}:measurement:${id}`,
  search: (query: unknown) => `${PREFIX}:search:${digest(JSON.stringify(query))}`,
  fieldNames: () => `${PREFIX}:fields`,
  fieldValues: (field: string) => `${PREFIX}:field-values:${digest(field)}`,
  fieldCounts: (field: string) => `${PREFIX}:field-counts:${digest(field)}`,
  /** The analysis of one neuron's standard file, by the file's URL too (a renamed neuron is another file). */
  morphology: (id: number, fileUrl: string) => `${PREFIX}:morphology:${id}:${digest(fileUrl)}`,
  /** A drawing or profile of that analysis, for the arguments it was made with. */
  morphologyView: (id: number, fileUrl: string, view: unknown) =>
    `${PREFIX}:morphology-view:${id}:${digest(JSON.stringify([fileUrl, view]))}`,
};

/** Keeps keys short and free of separators whatever the user typed. */
function digest(text: string): string {
  // The one-shot hash: no Hash object per key (several per request on the warm path).
  return hash('sha256', text, 'base64url').slice(0, 32);
}

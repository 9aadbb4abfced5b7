import { BadUserInputError } from '../errors.js';

/** Relay global ids: base64 of `Type:id`, the same encoding Pothos uses by default. */
export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

/** Decodes a global id; anything that is not one is bad user input, not an unexpected error. */
export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const text = globalId.length <= 200 ? Buffer.from(globalId, 'base64').toString('utf8') : '';
  const match = /^([A-Za-z_][A-Za-z0-9_]*):([\x21-\x7e]+)$/.exec(text);
  if (!match) throw new BadUserInputError('not a global id', { argumentName: 'id' });
  return { typename: match[1] as string, id: match[2] as string };
}

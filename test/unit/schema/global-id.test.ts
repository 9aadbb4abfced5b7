import { describe, expect, it } from 'vitest';
import { decodeGlobalId, encodeGlobalId } from '../../../src/schema/global-id.js';

describe('global ids', () => {
  it('encode as base64 of Type:id and decode back', () => {
    expect(encodeGlobalId('Neuron', 1)).toBe('TmV1cm9uOjE=');
    expect(decodeGlobalId('TmV1cm9uOjE=')).toEqual({ typename: 'Neuron', id: '1' });
  });

  it.each(['', 'bm90LWEtbmV1cm9u', '!!!', Buffer.from(':1').toString('base64'), 'A'.repeat(300)])(
    'reject %j as BAD_USER_INPUT',
    (id) => {
      expect(() => decodeGlobalId(id)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    },
  );
});

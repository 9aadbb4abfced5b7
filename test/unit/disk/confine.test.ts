import { describe, expect, it } from 'vitest';
import { PathEscapeError, resolveInsideRoot } from '../../../src/disk/confine.js';

const root = '/var/cache/nmg';

describe('resolveInsideRoot', () => {
  it('joins safe segments under the root', () => {
    expect(resolveInsideRoot(root, '1', 'cnic_001.CNG.swc')).toBe('/var/cache/nmg/1/cnic_001.CNG.swc');
  });

  it.each([
    ['parent traversal', '../../etc/passwd'],
    ['a lone ..', '..'],
    ['an absolute path', '/etc/passwd'],
    ['a NUL byte', 'a\0b'],
    ['a backslash', '..\\..\\x'],
    ['an empty name', ''],
    ['a dot', '.'],
    ['a very long name', 'a'.repeat(300)],
  ])('refuses %s', (_what, segment) => {
    expect(() => resolveInsideRoot(root, '1', segment)).toThrow(PathEscapeError);
  });

  it('refuses the root itself', () => {
    expect(() => resolveInsideRoot(root)).toThrow(PathEscapeError);
  });
});

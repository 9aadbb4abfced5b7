import { describe, expect, it } from 'vitest';
import { CacheWriteError, toCacheWriteError } from '../../../src/disk/disk-errors.js';

function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: something`), { code, syscall: 'write' });
}

describe('toCacheWriteError', () => {
  it.each([
    ['ENOSPC', 'DISK_FULL'],
    ['EDQUOT', 'DISK_FULL'],
    ['EACCES', 'CACHE_NOT_WRITABLE'],
    ['EPERM', 'CACHE_NOT_WRITABLE'],
    ['EROFS', 'CACHE_NOT_WRITABLE'],
  ])('%s is %s', (errno, code) => {
    const error = toCacheWriteError(systemError(errno));
    expect(error).toBeInstanceOf(CacheWriteError);
    expect(error).toMatchObject({ code, errno });
    expect(error?.message).not.toMatch(/something/);
  });

  it.each([['ENOTDIR'], ['ECONNRESET'], ['CONTENT_LENGTH_MISMATCH']])('%s stays what it was', (errno) => {
    expect(toCacheWriteError(systemError(errno))).toBeNull();
  });

  it('keeps an already typed error and ignores values without a code', () => {
    const typed = new CacheWriteError('DISK_FULL', 'ENOSPC', null);
    expect(toCacheWriteError(typed)).toBe(typed);
    expect(toCacheWriteError('ENOSPC')).toBeNull();
    expect(toCacheWriteError(null)).toBeNull();
  });
});

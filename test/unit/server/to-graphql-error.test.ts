import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PathEscapeError } from '../../../src/disk/confine.js';
import { CacheWriteError, MetadataRenderError } from '../../../src/disk/disk-errors.js';
import {
  CacheNotConfiguredError,
  DownloadFileError,
  DownloadTimeoutError,
} from '../../../src/disk/download-errors.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../../src/errors.js';
import { InvalidFilterError } from '../../../src/neuromorpho/invalid-filter-error.js';
import { toGraphQLError } from '../../../src/server/to-graphql-error.js';
import {
  UpstreamBadPayloadError,
  UpstreamHttpError,
  UpstreamNotFoundError,
  UpstreamTimeoutError,
  UpstreamTooLargeError,
} from '../../../src/upstream/errors.js';
import { UpstreamBusyError } from '../../../src/upstream/upstream-budget.js';

const url = 'https://neuromorpho.org/api/neuron/id/1';
const file = {
  kind: 'standard' as const,
  filename: 'n1.CNG.swc',
  url: 'https://neuromorpho.org/dableFiles/x',
};

function told(error: unknown) {
  const mapped = toGraphQLError(error);
  return mapped && { message: mapped.message, extensions: mapped.extensions };
}

describe('toGraphQLError: a lookup by code', () => {
  it('tells upstream failures as NeuroMorpho failures, with status, url and the upstream code', () => {
    expect(told(new UpstreamHttpError(503, url))).toEqual({
      message: 'NeuroMorpho answered HTTP 503',
      extensions: { code: 'UPSTREAM_ERROR', status: 503, url, upstreamCode: 'UPSTREAM_HTTP_ERROR' },
    });
    expect(told(new UpstreamHttpError(0, url))?.message).toBe('NeuroMorpho could not be reached');
    expect(told(new UpstreamBadPayloadError(200, url, 'empty body'))?.extensions).toEqual({
      code: 'UPSTREAM_ERROR',
      status: 200,
      url,
      upstreamCode: 'UPSTREAM_BAD_PAYLOAD',
    });
    expect(told(new UpstreamNotFoundError(url))?.extensions).toEqual({ code: 'NOT_FOUND', url, status: 404 });
    expect(told(new UpstreamTimeoutError(url))?.extensions).toEqual({ code: 'UPSTREAM_TIMEOUT', url });
    expect(told(new UpstreamTooLargeError(url, 1024))).toEqual({
      message: 'NeuroMorpho sent more than 1024 bytes',
      extensions: { code: 'UPSTREAM_TOO_LARGE', url, limitBytes: 1024 },
    });
    expect(told(new UpstreamBusyError('queue full', url))?.extensions).toEqual({ code: 'UPSTREAM_BUSY' });
  });

  it('tells a failed download file by its cause, with the file it was', () => {
    const tooLarge = new DownloadFileError(file, new UpstreamTooLargeError(file.url, 10));
    expect(told(tooLarge)).toEqual({
      message: 'could not download the standard file n1.CNG.swc: larger than 10 bytes',
      extensions: {
        code: 'UPSTREAM_TOO_LARGE',
        url: file.url,
        limitBytes: 10,
        kind: 'standard',
        filename: file.filename,
      },
    });
    const late = new DownloadFileError(file, new DownloadTimeoutError(file.url, 5000));
    expect(told(late)?.extensions).toEqual({
      code: 'UPSTREAM_TIMEOUT',
      url: file.url,
      timeoutMs: 5000,
      kind: 'standard',
      filename: file.filename,
    });
    const missing = new DownloadFileError(file, new UpstreamNotFoundError(file.url));
    expect(told(missing)).toEqual({
      message: 'could not download the standard file n1.CNG.swc (HTTP 404)',
      extensions: {
        code: 'UPSTREAM_ERROR',
        status: 404,
        url: file.url,
        upstreamCode: 'UPSTREAM_NOT_FOUND',
        kind: 'standard',
        filename: file.filename,
      },
    });
    const cut = new DownloadFileError(
      file,
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    );
    expect(told(cut)?.extensions).toMatchObject({
      code: 'UPSTREAM_ERROR',
      status: 0,
      upstreamCode: 'STREAM_FAILED',
    });
    const full = new DownloadFileError(file, new CacheWriteError('DISK_FULL', 'ENOSPC', null));
    expect(told(full)?.extensions).toEqual({ code: 'DISK_FULL', errno: 'ENOSPC' });
  });

  it("tells the gateway's own failures as they are, facts included", () => {
    expect(told(new BadUserInputError('invalid cursor', { argumentName: 'after' }))).toEqual({
      message: 'invalid cursor',
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
    expect(told(new NotFoundError('no neuron 7', { neuronId: 7 }))?.extensions).toEqual({
      code: 'NOT_FOUND',
      neuronId: 7,
    });
    expect(told(new ForbiddenError('wrong admin token'))?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(told(new CacheWriteError('CACHE_NOT_WRITABLE', 'EROFS', null))?.extensions).toEqual({
      code: 'CACHE_NOT_WRITABLE',
      errno: 'EROFS',
    });
    expect(told(new MetadataRenderError(1, null))?.extensions).toEqual({ code: 'METADATA_RENDER_FAILED' });
    expect(told(new CacheNotConfiguredError())?.extensions).toEqual({ code: 'CACHE_NOT_CONFIGURED' });
  });

  it('maps the codes of pure modules, trusting none of their other properties', () => {
    expect(told(new InvalidFilterError('species', 'species must not be blank'))).toEqual({
      message: 'species must not be blank',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(told(new PathEscapeError('outside the cache root'))?.extensions).toEqual({ code: 'UNSAFE_PATH' });
  });

  it('returns GraphQL errors that carry a code as they are', () => {
    const limit = new GraphQLError('too deep', { extensions: { code: 'QUERY_TOO_DEEP', limit: 3 } });
    expect(toGraphQLError(limit)).toBe(limit);
  });

  it('returns null (masked) for anything without a listed code', () => {
    expect(toGraphQLError(new Error('boom'))).toBeNull();
    expect(toGraphQLError(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toBeNull();
    expect(toGraphQLError(Object.assign(new Error('odd'), { code: 'toString' }))).toBeNull();
    expect(toGraphQLError(new DownloadTimeoutError(url, 1))).toBeNull();
    expect(toGraphQLError(new GraphQLError('no code'))).toBeNull();
    expect(toGraphQLError('a string')).toBeNull();
  });
});

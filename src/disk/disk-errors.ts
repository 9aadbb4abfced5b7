import { GatewayFailure } from '../errors.js';

/** The cache volume refused a write: full (or over quota), or not writable by this process. */
export class CacheWriteError extends GatewayFailure {
  declare readonly code: 'DISK_FULL' | 'CACHE_NOT_WRITABLE';
  /** The system error code that caused it (`ENOSPC`, `EROFS`, ...). */
  readonly errno: string;

  constructor(code: CacheWriteError['code'], errno: string, cause: unknown) {
    super(
      code,
      code === 'DISK_FULL'
        ? `the cache volume is full (${errno}); nothing of this change was kept`
        : `the cache folder is not writable (${errno}); nothing of this change was kept`,
      { errno },
      { cause },
    );
    this.errno = errno;
  }
}

const FULL = new Set(['ENOSPC', 'EDQUOT']);
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

function systemCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * The typed form of a file-system failure that is about the volume, not about the data: such a failure
 * would happen again on every attempt, so it is reported as what it is and never retried. Null for
 * anything else (which stays unexpected).
 */
export function toCacheWriteError(error: unknown): CacheWriteError | null {
  if (error instanceof CacheWriteError) return error;
  const code = systemCode(error);
  if (code === null) return null;
  if (FULL.has(code)) return new CacheWriteError('DISK_FULL', code, error);
  if (NOT_WRITABLE.has(code)) return new CacheWriteError('CACHE_NOT_WRITABLE', code, error);
  return null;
}

/** Rethrows a volume failure in its typed form, anything else as it was. */
export function rethrowAsCacheWriteError(error: unknown): never {
  throw toCacheWriteError(error) ?? error;
}

/**
 * The neuron record cannot be written as metadata.json (a payload nested beyond what JSON.stringify
 * can walk, for one). Raised before anything touches the disk.
 */
export class MetadataRenderError extends GatewayFailure {
  constructor(neuronId: number, cause: unknown) {
    super(
      'METADATA_RENDER_FAILED',
      `the record of neuron ${neuronId} cannot be written as metadata.json; nothing was written`,
      {},
      { cause },
    );
  }
}

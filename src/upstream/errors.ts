import { GatewayFailure } from '../errors.js';

/**
 * Typed upstream failures, members of the GatewayFailure family: told apart by `code`, never by the
 * message; to-graphql-error.ts maps each code to what a client sees. The base is never thrown itself.
 */
export abstract class UpstreamError extends GatewayFailure {
  readonly url: string;

  constructor(message: string, url: string, options?: { cause?: unknown }) {
    super('UPSTREAM_ERROR', message, {}, options);
    this.url = url;
  }

  override get details(): Readonly<Record<string, unknown>> {
    return { url: this.url };
  }
}

/** An HTTP failure; `status` is 0 when no response ever came (connection refused, reset, timed out). */
export class UpstreamHttpError extends UpstreamError {
  override readonly code: string = 'UPSTREAM_HTTP_ERROR';
  readonly status: number;

  constructor(status: number, url: string, message?: string, options?: { cause?: unknown }) {
    super(message ?? (status === 0 ? `no response from ${url}` : `HTTP ${status} from ${url}`), url, options);
    this.status = status;
  }

  override get details(): Readonly<Record<string, unknown>> {
    return { url: this.url, status: this.status };
  }
}

/**
 * NeuroMorpho answered 404, to any request (a record, a search, a file), or the response cache
 * remembers that it did.
 */
export class UpstreamNotFoundError extends UpstreamHttpError {
  override readonly code = 'UPSTREAM_NOT_FOUND';

  constructor(url: string, message?: string) {
    super(404, url, message ?? `not found: ${url}`);
  }
}

/** No answer within the configured time (connect, headers or body). */
export class UpstreamTimeoutError extends UpstreamHttpError {
  override readonly code = 'UPSTREAM_TIMEOUT';

  constructor(url: string, options?: { cause?: unknown }) {
    super(0, url, `timed out waiting for ${url}`, options);
  }
}

/**
 * A 2xx answer whose body is empty, not JSON, or not the shape expected (NeuroMorpho has sent empty
 * 200 bodies).
 */
export class UpstreamBadPayloadError extends UpstreamHttpError {
  override readonly code = 'UPSTREAM_BAD_PAYLOAD';

  constructor(status: number, url: string, detail: string) {
    super(status, url, `unusable response from ${url}: ${detail}`);
  }
}

/**
 * An answer larger than the gateway accepts (`UPSTREAM_MAX_JSON_BYTES` for JSON, `DOWNLOAD_MAX_BYTES` for a
 * file), told by Content-Length or found while reading. Never retried: the same request brings the same body.
 */
export class UpstreamTooLargeError extends UpstreamError {
  override readonly code = 'UPSTREAM_TOO_LARGE';
  readonly limitBytes: number;

  constructor(url: string, limitBytes: number, options?: { announcedBytes?: number | null }) {
    const announced = options?.announcedBytes;
    super(
      announced === undefined || announced === null
        ? `${url} sent more than ${limitBytes} bytes`
        : `${url} announced ${announced} bytes, more than the ${limitBytes} accepted`,
      url,
    );
    this.limitBytes = limitBytes;
  }

  override get details(): Readonly<Record<string, unknown>> {
    return { url: this.url, limitBytes: this.limitBytes };
  }
}

/** What a handler answers; the server adds Content-Length and applies faults (truncation, empty body). */
import { STATUS_CODES } from 'node:http';

export interface StreamedBody {
  length: number;
  chunks: () => Iterable<Buffer>;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | StreamedBody;
}

/**
 * JSON bodies go out as `application/json`: the real content type was never recorded (Spring HATEOAS
 * would likely say `application/hal+json` for the paged bodies).
 */
export function jsonReply(text: string, status = 200): Reply {
  return { status, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(text) };
}

/**
 * The recorded Spring Boot error layout (`/api/neuron/name/AA1544`): status, error, message, path. The
 * usual `timestamp` is absent from the recorded paste, so the replica leaves it out too.
 */
export function springError(
  status: number,
  message: string,
  path: string,
  headers: Record<string, string> = {},
): Reply {
  const body = { status, error: STATUS_CODES[status] ?? 'Error', message, path };
  return {
    ...jsonReply(JSON.stringify(body), status),
    headers: { 'Content-Type': 'application/json', ...headers },
  };
}

/** 200 with no body and no Content-Type, as the recorded pvec answer (`pvec_id_1.EMPTY_BODY.txt`). */
export function emptyBodyReply(): Reply {
  return { status: 200, headers: {}, body: Buffer.alloc(0) };
}

import { randomUUID } from 'node:crypto';
import type { FrontPlugin } from './server-context.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Keeps a caller's request id when it is a sane token, else makes one. */
export function requestIdFrom(header: string | null): string {
  return header && /^[A-Za-z0-9._:-]{1,64}$/.test(header) ? header : randomUUID();
}

/**
 * Gives every request an id: in the server context (the GraphQL context, the logs and every upstream
 * request carry it) and in the `x-request-id` header of every answer, whoever writes it.
 */
export function useRequestId(): FrontPlugin {
  return {
    onRequest({ request, serverContext }) {
      const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
      serverContext.requestId = requestId;
      // On the Node response itself, so routes that write there directly (cached files) carry it too.
      serverContext.res?.setHeader(REQUEST_ID_HEADER, requestId);
    },
    onResponse({ serverContext, response }) {
      if (serverContext.res === undefined && serverContext.requestId !== undefined)
        response.headers.set(REQUEST_ID_HEADER, serverContext.requestId);
    },
  };
}

import type { Plugin } from 'graphql-yoga';
import { BodyTooLargeError, discardBody, readBody } from '../read-body.js';
import { refusal } from './json-answer.js';
import type { GatewayServerContext } from './server-context.js';
import { asBody } from './whole-answer.js';

/** A refused body is read and dropped up to this many times the limit, for at most this long. */
const DISCARD_LIMIT_FACTOR = 64;
const DISCARD_TIMEOUT_MS = 10_000;

/**
 * Reads a GraphQL request's body from the Node request, refusing one over `maxBytes` with a readable
 * 413 BODY_TOO_LARGE (at once when Content-Length says so, else as soon as the limit is passed). The
 * client usually reads the answer only after sending everything, so a bounded amount of the rest is
 * read and dropped first; past that bound the connection is closed once the 413 is out. yoga then
 * parses the bytes read here.
 */
export function useBodyLimit(maxBytes: number): Plugin<object, GatewayServerContext> {
  return {
    async onRequest({ request, serverContext, setRequest, endResponse, fetchAPI }) {
      const { req, res } = serverContext;
      if (request.method === 'GET' || request.method === 'HEAD' || req === undefined) return;
      let body: Buffer;
      try {
        body = await readBody(req, maxBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        const drained = await discardBody(req, DISCARD_LIMIT_FACTOR * maxBytes, DISCARD_TIMEOUT_MS);
        if (!drained) res?.once('finish', () => req.socket.destroy());
        const extensions = { limit: maxBytes };
        endResponse(
          refusal(fetchAPI, 413, error.message, 'BODY_TOO_LARGE', extensions, { connection: 'close' }),
        );
        return;
      }
      setRequest(
        new fetchAPI.Request(request.url, {
          method: request.method,
          headers: request.headers,
          signal: request.signal,
          ...(body.length > 0 ? { body: asBody(body) } : {}),
        }),
      );
    },
  };
}
